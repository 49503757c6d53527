//! Layer 2b: the bit-accurate integer model of exactly what the hardware computes.
//!
//! The `hw` units call the kernels of [`kernels`] element by element and must equal them bit for
//! bit; [`Net`] strings them together in the hardware's order and [`train()`] is the `golden` engine.
//! Every rounding rule lives in [`crate::fixed`].
//!
//! # Architecture mirrored
//! - **Operands** are 16-bit signed; a format is a number of fraction bits: weights/biases
//!   `weight_frac`, activations and inputs `act_frac`, backward errors `err_frac`, weight gradients
//!   and velocities `mom_frac`. Products are exact i16×i16→i32; accumulators are `acc_bits` wide and
//!   saturate after every addition, so the accumulation order is part of the spec.
//! - **MAC array** (R×C output-stationary, broadcast inputs): each GEMM output element is one
//!   accumulator summing its products in ascending k from 0, narrowed once ([`kernels::dot_sat`],
//!   [`kernels::gemm`]; tiling does not change any element).
//!   - forward `Y = X_aug·W_aug`: fraction act+weight → `narrow(·, weight_frac)` → act format.
//!     `W_aug` is (n_in+1)×n_out with the bias as row n_in and `x_{n_in} = 1 << act_frac`: the bias
//!     product is the last of the sum.
//!   - `dX = δ·Wᵀ` (rows 0..n_in, k ascending over n_out): err+weight → `narrow(·, weight_frac)` → err.
//!   - `dW_aug = X_augᵀ·δ` (k ascending over the batch, in batch order): act+err →
//!     `requantize(·, act+err → mom_frac)`; its last row is db. g lives in the momentum format.
//!
//!   All these narrowings use `fixed.rounding` (nearest or truncate; stochastic is rejected there).
//! - **Activation unit** ([`kernels::act_forward`], [`kernels::act_derivative`], ROMs in [`tables`]):
//!   sigmoid/tanh from ROMs over |x| ∈ [0, table_range) with symmetry, no interpolation, saturating to
//!   the last entry beyond the range; ReLU; leaky ReLU with slope 2^-s as an arithmetic right shift
//!   (the slope must be a power of two). Derivatives from the stored output a, via a Q1.14 f′.
//! - **Loss-gradient unit** ([`kernels::softmax_ce_grad`], [`kernels::mse_grad`]): exact integer
//!   softmax (max subtraction, base-2 exponent with a 256-entry 2^-f ROM and a shift, one exact
//!   integer division per sample for the reciprocal), then `(s − y)·(1/B)` with a 16-bit 1/B register
//!   (exactly a shift when B is a power of two). The loss value is a host-side f64 figure.
//! - **Update unit** ([`kernels::update_weight`], one weight per cycle as dW leaves the array):
//!   `v′ = narrow(sat32(sat32(μ·v + g·2^mu_frac) + wd·w), mu_frac)`, `w′ = sat(w − narrow(η·v′))`
//!   with 16-bit registers η (Q0.15 by default, `eta_frac`), μ and 1−μ (`mu_frac`), wd = 2λ or
//!   (1−μ)·2λ (fraction `mu_frac + mom_frac − weight_frac`); all in 32 bits; the decay term is
//!   skipped for the bias row. Only the Δ = η·v′ narrowing uses `update_rounding`
//!   (stochastic by default): one LFSR step per weight, in [`kernels::update_order`].
//! - **Step order**: forward for all layers; loss gradient; for layers last → first: dX with the
//!   OLD weights of the layer (the array computes dX before the layer's weights are written back),
//!   dW drained through the update unit (updating W and V in place), then δ of the layer below
//!   `= dA ⊙ f′(a)`.
//! - **LFSR order**: layers last → first; within a layer the R×C tiles of dW_aug row-major (row
//!   tiles over the n_in+1 rows, then column tiles over n_out), each tile row-major, padding skipped.
//!
//! The README's "Fixed-point formats and the golden model" section has the equations with numbers.

pub mod kernels;
pub mod net;
pub mod tables;
pub mod train;

#[cfg(test)]
mod tests;

pub use kernels::{
    act_derivative, act_forward, argmax, dot_sat, gemm, gemm_bt, inv_batch, mse_grad,
    softmax_ce_grad, softmax_ce_grad_into, softmax_probs, softmax_probs_into, update_order,
    update_weight, ActTables, LossUnit, UpdateRegs, UpdateSat, DERIV_FRAC,
};
pub use net::{Layer, Net, StepStats, Tape};
pub use tables::{
    build_table, exp2_table, sigmoid_table, table_curves, table_errors, tanh_table, TableCurve,
    TableError,
};
pub use train::{train, train_from, train_net};
