//! What a training run reports, the same for every engine (printed as text or as one JSON line).

use serde::{Deserialize, Serialize};

/// Statistics at the end of one epoch.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EpochStats {
    /// 1-based epoch number.
    pub epoch: usize,
    /// Mean training loss over the epoch's mini-batches (as computed during training).
    pub loss: f64,
    pub train_accuracy: f64,
    pub test_accuracy: f64,
    /// Learning rate at the epoch's last step.
    pub lr: f64,
}

/// The result of `mlp-rtl train`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrainReport {
    pub engine: String,
    pub epochs: usize,
    /// Mini-batch steps taken.
    pub steps: usize,
    pub final_loss: f64,
    pub train_accuracy: f64,
    pub test_accuracy: f64,
    pub seconds: f64,
    pub seed: u64,
    pub history: Vec<EpochStats>,
    /// Engine-specific figures (e.g. `bit_exact_vs_golden`, `cycles_per_step`, `pe_utilization`).
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

impl TrainReport {
    /// The JSON object printed as the last stdout line of `--json`.
    pub fn to_json_line(&self) -> String {
        serde_json::to_string(self).expect("report serializes")
    }
}
