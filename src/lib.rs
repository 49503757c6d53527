//! mlp-rtl: a generator of fixed-point MLP *training* engines (forward pass, backpropagation and the
//! SGD-momentum update, all in hardware), described in rust-hdl, emitted as Verilog, and proven by
//! co-simulation against a floating-point training reference.
//!
//! The four layers, each checking the one below it:
//! 1. [`reference`]: the floating-point trainer (generic over `num_traits::Float`), the truth for accuracy.
//! 2. [`fixed`] + [`golden`]: the fixed-point number system and the bit-accurate integer model of the hardware.
//! 3. [`hw`]: the rust-hdl blocks, equal to golden bit for bit.
//! 4. Emission and outside tools (`hdl_out/`, `testbenches/`, Icarus, Verilator, [`flow`]: Yosys, nextpnr).

pub mod checkpoint;
pub mod config;
pub mod data;
pub mod engine;
pub mod export;
pub mod fixed;
pub mod flow;
pub mod golden;
pub mod hw;
pub mod model_io;
pub mod plot;
pub mod progress;
pub mod reference;
pub mod report;

pub use config::Config;
pub use engine::Engine;
pub use report::{EpochStats, TrainReport};
