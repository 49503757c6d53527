//! The golden training loop: the float engine's epoch/mini-batch schedule (same Kaiming init, then
//! quantised; same `data::epoch_batches` order; `lr_at` quantised into η every step).

use super::net::Net;
use crate::checkpoint::Progress;
use crate::config::Config;
use crate::data::{self, Dataset};
use crate::reference::schedule::lr_at;
use crate::report::{EpochStats, TrainReport};
use crate::Engine;
use std::time::Instant;

/// Trains the golden model on `train`, evaluating on `test` after every epoch; the `golden` engine.
pub fn train(
    cfg: &Config,
    train: &Dataset,
    test: &Dataset,
    quiet: bool,
) -> anyhow::Result<TrainReport> {
    train_net(cfg, train, test, quiet).map(|(r, _)| r)
}

/// [`train`], also returning the trained network.
pub fn train_net(
    cfg: &Config,
    train: &Dataset,
    test: &Dataset,
    quiet: bool,
) -> anyhow::Result<(TrainReport, Net)> {
    train_from(cfg, train, test, quiet, None, &mut |_, _| Ok(()))
}

/// Called after every epoch with the network and the run's progress (e.g. to write a checkpoint).
pub type AfterEpoch<'a> = dyn FnMut(&Net, &Progress) -> anyhow::Result<()> + 'a;

/// The epoch loop, from `start` (`None`: [`Net::new`], epoch 0) up to `cfg.train.epochs`, calling
/// `after_epoch(net, progress)` after every epoch. Returns the report of the whole run (history and
/// steps include those before `start`) and the network.
///
/// Resuming is exact: the batches and rate of epoch e depend only on (seed, e), and the weights,
/// velocities, LFSR and saturation counters are in the network.
pub fn train_from(
    cfg: &Config,
    train: &Dataset,
    test: &Dataset,
    quiet: bool,
    start: Option<(Net, Progress)>,
    after_epoch: &mut AfterEpoch<'_>,
) -> anyhow::Result<(TrainReport, Net)> {
    cfg.validate_for_engine(Engine::Golden)?;
    crate::reference::train::check_dataset(cfg, train)?;
    crate::reference::train::check_dataset(cfg, test)?;
    if train.is_empty() {
        anyhow::bail!("the training set {} is empty", train.name);
    }
    let t0 = Instant::now();
    let (mut net, mut p) = start.unwrap_or_else(|| (Net::new(cfg), Progress::default()));
    let xtr = net.quantize_inputs(&train.features);
    let xte = net.quantize_inputs(&test.features);
    let d = train.dim;
    let (epochs, bsz, seed) = (cfg.train.epochs, cfg.train.batch_size, cfg.train.seed);
    if p.epoch > epochs {
        anyhow::bail!(
            "the run starts after epoch {}, beyond train.epochs = {epochs}",
            p.epoch
        );
    }
    p.history.truncate(p.epoch);
    let per_epoch = train.len().div_ceil(bsz);
    let pb = crate::progress::bar((epochs - p.epoch) as u64, "golden", quiet);
    let mut xb = Vec::new();
    let mut lb = Vec::new();
    for e in p.epoch..epochs {
        let batches = data::epoch_batches(train.len(), bsz, seed, e);
        let mut loss_sum = 0.0;
        let mut lr = cfg.optimizer.lr;
        for (it, idx) in batches.iter().enumerate() {
            lr = lr_at(&cfg.schedule, cfg.optimizer.lr, e, it, per_epoch);
            xb.clear();
            lb.clear();
            for &i in idx {
                xb.extend_from_slice(&xtr[i * d..(i + 1) * d]);
                lb.push(train.labels[i]);
            }
            loss_sum += net.step(&xb, &lb, lr).loss;
            p.step += 1;
        }
        let st = EpochStats {
            epoch: e + 1,
            loss: loss_sum / batches.len() as f64,
            train_accuracy: net.accuracy(&xtr, &train.labels),
            test_accuracy: net.accuracy(&xte, &test.labels),
            lr,
        };
        pb.set_prefix(format!(
            "loss {:.4} train {:.4} test {:.4}",
            st.loss, st.train_accuracy, st.test_accuracy
        ));
        pb.inc(1);
        p.history.push(st);
        p.epoch = e + 1;
        after_epoch(&net, &p)?;
    }
    pb.finish_and_clear();
    let last = p.history.last().cloned().expect("epochs ≥ 1 (validated)");
    let mut extra = serde_json::Map::new();
    extra.insert(
        "saturations".into(),
        serde_json::to_value(&net.sat).expect("counters serialize"),
    );
    extra.insert("lfsr_state".into(), net.lfsr.state.into());
    let report = TrainReport {
        engine: "golden".into(),
        epochs,
        steps: p.step as usize,
        final_loss: last.loss,
        train_accuracy: last.train_accuracy,
        test_accuracy: last.test_accuracy,
        seconds: t0.elapsed().as_secs_f64(),
        seed,
        history: p.history,
        extra,
    };
    Ok((report, net))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checkpoint::{from_model_file, to_model_file, FixedState};
    use crate::config::OptimizerKind;
    use crate::model_io::ModelFile;

    fn digits() -> (Dataset, Dataset) {
        data::split(&data::digits(), 0.2, 0)
    }

    /// A config that saturates weights (Q1.14, high rate), so the counters are exercised.
    fn saturating() -> Config {
        let mut cfg = Config::preset("tiny").unwrap();
        cfg.train.epochs = 4;
        cfg.optimizer.lr = 0.5;
        cfg.fixed.weight_frac = 14;
        cfg
    }

    #[test]
    fn file_roundtrip_is_bit_exact_for_golden_nets() {
        let (tr, te) = digits();
        for kind in [OptimizerKind::Sgd, OptimizerKind::Momentum] {
            let mut cfg = saturating();
            cfg.train.epochs = 2;
            cfg.optimizer.kind = kind;
            let (r, net) = train_net(&cfg, &tr, &te, true).unwrap();
            assert!(net.sat.weight > 0, "{kind:?}: counters exercised");
            let p = Progress {
                epoch: 2,
                step: r.steps as u64,
                history: r.history.clone(),
            };
            let mf = to_model_file(&net, Engine::Golden, &cfg, &p).unwrap();
            let back = ModelFile::from_bytes(&mf.to_bytes().unwrap(), "x").unwrap();
            assert_eq!(back, mf);
            let (n2, h): (Net, _) = from_model_file(&back, &cfg).unwrap();
            let mut want = net.to_state();
            if kind == OptimizerKind::Sgd {
                // V is only scratch under sgd (μ = 0): not stored, read back as zeros.
                want.layers.iter_mut().for_each(|l| l.v.fill(0));
            }
            assert_eq!(n2.to_state(), want, "{kind:?}");
            assert_eq!(n2.sat, net.sat, "{kind:?}");
            assert_eq!((h.engine, h.progress), (Engine::Golden, p));
            // The same tensors as the FixedState of the net.
            let (s, _): (FixedState, _) = from_model_file(&back, &cfg).unwrap();
            assert_eq!(s, want);
            let names = mf.tensors.len();
            assert_eq!(names, if kind == OptimizerKind::Sgd { 5 } else { 9 });
        }
    }

    #[test]
    fn resume_from_a_checkpoint_equals_an_uninterrupted_run() {
        let (tr, te) = digits();
        let mut cfg = saturating();
        cfg.schedule = crate::config::Schedule::Multistage {
            every: 1,
            gamma: 0.5,
        };
        let mut at2 = None;
        let (full, n_full) = train_from(&cfg, &tr, &te, true, None, &mut |n, p| {
            if p.epoch == 2 {
                at2 = Some(to_model_file(n, Engine::Golden, &cfg, p).unwrap());
            }
            Ok(())
        })
        .unwrap();
        let start: (Net, _) = from_model_file(&at2.unwrap(), &cfg).unwrap();
        let start = (start.0, start.1.progress);
        let (res, n_res) =
            train_from(&cfg, &tr, &te, true, Some(start), &mut |_, _| Ok(())).unwrap();
        assert_eq!(n_res.to_state(), n_full.to_state());
        assert_eq!(n_res.sat, n_full.sat);
        assert!(n_full.sat.weight > 0);
        assert_eq!(res.history, full.history);
        assert_eq!(res.steps, full.steps);
        assert_eq!(res.extra, full.extra);
    }

    #[test]
    fn states_of_the_wrong_shape_are_refused() {
        let cfg = Config::preset("tiny").unwrap();
        let mut s = Net::new(&cfg).to_state();
        s.layers[1].v.pop();
        let e = Net::from_state(&cfg, &s).err().unwrap().to_string();
        assert_eq!(
            e,
            "layer 1 of the state is 8 × 10 (W_aug 90 values, V 89), the config needs 8 × 10 (90 values each)"
        );
        s.layers.pop();
        let e = Net::from_state(&cfg, &s).err().unwrap().to_string();
        assert_eq!(e, "the state has 1 layers, the config 2");
    }
}
