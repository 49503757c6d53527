//! The float training loop: the epoch/mini-batch schedule every engine follows.
//!
//! For epoch e in 0..epochs: the mini-batches are `data::epoch_batches(n_train, batch, seed, e)`
//! (the last, short batch included; its loss and gradients are means over its actual size), the rate of
//! step `it` is `schedule::lr_at(schedule, lr, e, it, batches_per_epoch)`. After each epoch the loss
//! is the mean of the epoch's batch losses (data loss, without the `λ‖W‖²` term), and train and test
//! accuracy are measured in inference mode (no dropout).

use super::mlp::{Mlp, Trainer};
use super::ops::c;
use super::schedule::lr_at;
use crate::config::Config;
use crate::data::{self, Dataset};
use crate::report::{EpochStats, TrainReport};
use num_traits::Float;
use std::time::Instant;

/// Errors unless `ds` fits the model: `dim` must equal `layers[0]` and every label must have an
/// output unit (`classes ≤ layers[last]`).
pub fn check_dataset(cfg: &Config, ds: &Dataset) -> anyhow::Result<()> {
    let layers = &cfg.model.layers;
    let (Some(&first), Some(&last)) = (layers.first(), layers.last()) else {
        anyhow::bail!("model.layers is empty");
    };
    if ds.dim != first {
        anyhow::bail!(
            "data set {} has {} features but model.layers[0] is {first}",
            ds.name,
            ds.dim
        );
    }
    if ds.classes > last {
        anyhow::bail!(
            "data set {} has {} classes but the output layer model.layers[{}] is {last}",
            ds.name,
            ds.classes,
            layers.len() - 1
        );
    }
    Ok(())
}

/// Trains the f32 reference on `train`, evaluating on `test` after every epoch; the `float` engine.
/// `quiet` hides the progress bar.
pub fn train(
    cfg: &Config,
    train: &Dataset,
    test: &Dataset,
    quiet: bool,
) -> anyhow::Result<TrainReport> {
    train_generic::<f32>(cfg, train, test, quiet).map(|(r, _)| r)
}

/// [`train`] in any float type; also returns the trained network.
pub fn train_generic<T: Float>(
    cfg: &Config,
    train: &Dataset,
    test: &Dataset,
    quiet: bool,
) -> anyhow::Result<(TrainReport, Mlp<T>)> {
    train_from::<T>(cfg, train, test, quiet, None, &mut |_, _| Ok(())).map(|(r, tr)| (r, tr.mlp))
}

/// Called after every epoch with the trainer and the history so far (e.g. to write a checkpoint).
pub type AfterEpoch<'a, T> = dyn FnMut(&Trainer<T>, &[EpochStats]) -> anyhow::Result<()> + 'a;

/// Where a run starts: a trainer (parameters and optimizer state), the number of epochs already done
/// and their statistics. A fresh run is `Trainer::new(cfg)`, epoch 0, no history.
pub struct Start<T> {
    pub trainer: Trainer<T>,
    pub epoch: usize,
    pub history: Vec<EpochStats>,
}

/// The epoch loop, from `start` (`None`: Kaiming init, epoch 0) up to `cfg.train.epochs`, calling
/// `after_epoch(trainer, history)` after every epoch (checkpoints). Returns the report of the whole run
/// (the history includes the epochs before `start`) and the trainer.
///
/// Resuming is exact: the sample order, the learning rate and the dropout masks of epoch e depend only
/// on (seed, e, position), and the optimizer state (including its step count) is in the trainer.
pub fn train_from<T: Float>(
    cfg: &Config,
    train: &Dataset,
    test: &Dataset,
    quiet: bool,
    start: Option<Start<T>>,
    after_epoch: &mut AfterEpoch<'_, T>,
) -> anyhow::Result<(TrainReport, Trainer<T>)> {
    cfg.validate()?;
    check_dataset(cfg, train)?;
    check_dataset(cfg, test)?;
    if train.is_empty() {
        anyhow::bail!("the training set {} is empty", train.name);
    }
    let t0 = Instant::now();
    let Start {
        trainer: mut tr,
        epoch: first,
        mut history,
    } = start.unwrap_or_else(|| Start {
        trainer: Trainer::new(cfg),
        epoch: 0,
        history: Vec::new(),
    });
    let (epochs, bsz, seed) = (cfg.train.epochs, cfg.train.batch_size, cfg.train.seed);
    if first > epochs {
        anyhow::bail!("the run starts after epoch {first}, beyond train.epochs = {epochs}");
    }
    history.truncate(first);
    let per_epoch = train.len().div_ceil(bsz);
    let pb = crate::progress::bar((epochs - first) as u64, "float", quiet);
    for e in first..epochs {
        tr.start_epoch(seed, e);
        let batches = data::epoch_batches(train.len(), bsz, seed, e);
        let mut loss_sum = 0.0;
        let mut lr = cfg.optimizer.lr;
        for (it, idx) in batches.iter().enumerate() {
            lr = lr_at(&cfg.schedule, cfg.optimizer.lr, e, it, per_epoch);
            let l = tr.step_indices(train, idx, c(lr));
            loss_sum += l.to_f64().unwrap_or(f64::NAN);
        }
        let loss = loss_sum / batches.len() as f64;
        if !loss.is_finite() {
            pb.finish_and_clear();
            anyhow::bail!(
                "training diverged in epoch {} (loss {loss}); lower optimizer.lr",
                e + 1
            );
        }
        let st = EpochStats {
            epoch: e + 1,
            loss,
            train_accuracy: tr.mlp.accuracy(train),
            test_accuracy: tr.mlp.accuracy(test),
            lr,
        };
        pb.set_prefix(format!(
            "loss {:.4} train {:.4} test {:.4}",
            st.loss, st.train_accuracy, st.test_accuracy
        ));
        pb.inc(1);
        history.push(st);
        after_epoch(&tr, &history)?;
    }
    pb.finish_and_clear();
    let last = history.last().cloned().unwrap_or(EpochStats {
        epoch: epochs,
        loss: f64::NAN,
        train_accuracy: tr.mlp.accuracy(train),
        test_accuracy: tr.mlp.accuracy(test),
        lr: f64::NAN,
    });
    let report = TrainReport {
        engine: "float".into(),
        epochs,
        steps: tr.opt.steps as usize,
        final_loss: last.loss,
        train_accuracy: last.train_accuracy,
        test_accuracy: last.test_accuracy,
        seconds: t0.elapsed().as_secs_f64(),
        seed,
        history,
        extra: serde_json::Map::new(),
    };
    Ok((report, tr))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{Activation, Loss, OptimizerKind};

    fn digits_split() -> (Dataset, Dataset) {
        let d = data::digits();
        data::split(&d, 0.2, 0)
    }

    #[test]
    fn same_seed_gives_bitwise_identical_parameters() {
        let (tr, te) = digits_split();
        let mut cfg = Config::default();
        cfg.train.epochs = 3;
        cfg.train.dropout = 0.2; // exercise the dropout RNG too
        let (r1, m1) = train_generic::<f32>(&cfg, &tr, &te, true).unwrap();
        let (r2, m2) = train_generic::<f32>(&cfg, &tr, &te, true).unwrap();
        for (a, b) in m1.layers.iter().zip(&m2.layers) {
            assert!(a
                .w
                .iter()
                .zip(&b.w)
                .all(|(x, y)| x.to_bits() == y.to_bits()));
            assert!(a
                .b
                .iter()
                .zip(&b.b)
                .all(|(x, y)| x.to_bits() == y.to_bits()));
        }
        assert_eq!(r1.history, r2.history);
        cfg.train.seed = 2;
        let (_, m3) = train_generic::<f32>(&cfg, &tr, &te, true).unwrap();
        assert_ne!(m1.layers[0].w, m3.layers[0].w);
    }

    #[test]
    fn every_optimizer_and_activation_learns_digits_in_f64() {
        let (tr, te) = digits_split();
        for (kind, lr) in [
            (OptimizerKind::Sgd, 0.1),
            (OptimizerKind::Momentum, 0.05),
            (OptimizerKind::MomentumEma, 0.1),
            (OptimizerKind::Rmsprop, 0.001),
            (OptimizerKind::Adam, 0.003),
        ] {
            let mut cfg = Config::default();
            cfg.train.epochs = 5;
            cfg.optimizer.kind = kind;
            cfg.optimizer.lr = lr;
            let (r, _) = train_generic::<f64>(&cfg, &tr, &te, true).unwrap();
            assert!(r.test_accuracy > 0.85, "{kind:?}: {}", r.test_accuracy);
            assert!(r.history[4].loss < r.history[0].loss, "{kind:?}");
        }
        for act in [Activation::Sigmoid, Activation::Tanh, Activation::LeakyRelu] {
            let mut cfg = Config::default();
            cfg.train.epochs = 5;
            cfg.model.activations = vec![act];
            cfg.optimizer.lr = 0.1;
            let (r, _) = train_generic::<f64>(&cfg, &tr, &te, true).unwrap();
            assert!(r.test_accuracy > 0.85, "{act:?}: {}", r.test_accuracy);
        }
        let mut cfg = Config::default();
        cfg.train.epochs = 5;
        cfg.model.loss = Loss::Mse;
        // An unbounded identity output with ReLU hidden units needs a smaller rate than softmax CE
        // (at 0.05 many ReLUs die); 0.01 reaches ≈ 97 % in 30 epochs.
        cfg.optimizer.lr = 0.01;
        cfg.train.epochs = 30;
        let (r, _) = train_generic::<f64>(&cfg, &tr, &te, true).unwrap();
        assert!(r.test_accuracy > 0.93, "mse: {}", r.test_accuracy);
    }

    #[test]
    fn report_counts_steps_including_the_short_batch() {
        let (tr, te) = digits_split();
        let mut cfg = Config::preset("tiny").unwrap();
        cfg.train.batch_size = 100;
        let (r, _) = train_generic::<f32>(&cfg, &tr, &te, true).unwrap();
        assert!(tr.len() % 100 != 0, "the last batch is short");
        assert_eq!(r.steps, cfg.train.epochs * tr.len().div_ceil(100));
        assert_eq!(r.history.len(), cfg.train.epochs);
        assert_eq!(r.engine, "float");
    }

    #[test]
    fn mismatched_data_is_a_clear_error() {
        let (tr, te) = digits_split();
        let mut cfg = Config::default();
        cfg.model.layers = vec![784, 32, 10];
        let e = train(&cfg, &tr, &te, true).unwrap_err().to_string();
        assert!(
            e.contains("has 64 features but model.layers[0] is 784"),
            "{e}"
        );
        cfg.model.layers = vec![64, 32, 5];
        let e = train(&cfg, &tr, &te, true).unwrap_err().to_string();
        assert!(e.contains("10 classes"), "{e}");
    }
}
