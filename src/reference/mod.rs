//! Layer 1: the floating-point MLP trainer, generic over `num_traits::Float` (f32 and f64).
//! The truth for accuracy; every fixed-point engine starts from its init and follows its sample order.
//!
//! - [`init`]: Kaiming initialisation shared by every engine.
//! - [`schedule`]: the learning rate of every step.
//! - [`ops`]: linear layer, activations, softmax, losses and their gradients (the formulas).
//! - [`optim`]: SGD, heavy-ball and EMA momentum, RMSProp, Adam.
//! - [`mlp`]: [`Mlp`] (`forward`, `backward`, `step`, `predict`, `accuracy`) and [`Trainer`].
//! - [`train`]: the epoch loop, [`train::train`] (the `float` engine, f32).
//!
//! ```
//! use mlp_rtl::{reference::{Mlp, Optimizer}, Config};
//! let cfg = Config::default();
//! let mut mlp: Mlp<f32> = Mlp::new(&cfg); // kaiming(&cfg.model.layers, cfg.train.seed)
//! let mut opt = Optimizer::new(&cfg.optimizer, &mlp);
//! let x = vec![0.5f32; 2 * 64];
//! let tape = mlp.forward(&x, 2);
//! let mut grads = mlp.zero_grads();
//! let loss = mlp.backward(&tape, &[3, 7], cfg.train.weight_decay as f32, &mut grads);
//! mlp.step(&grads, &mut opt, cfg.optimizer.lr as f32);
//! assert!(loss > 0.0 && mlp.predict(&x, 2).len() == 2);
//! ```

pub mod init;
pub mod mlp;
pub mod ops;
pub mod optim;
pub mod schedule;
pub mod train;

pub use mlp::{Grads, Layer, Mlp, Optimizer, Tape, Trainer};
pub use train::train;
