//! Learning-rate schedules, as functions of (epoch, iteration within the epoch). Every engine asks
//! this for the rate of each step; the fixed-point engines quantise it into their η register.

use crate::config::Schedule;
use std::f64::consts::PI;

/// The learning rate for the step at `iter` (0-based) of `epoch` (0-based), with `iters_per_epoch`
/// steps per epoch and base rate `lr`.
///
/// - constant: `lr`
/// - multistage: `lr · gamma^⌊epoch/every⌋`
/// - SGDR (Loshchilov & Hutter 2017, eq. 5): `lr_min + ½(lr − lr_min)(1 + cos(π·T_cur/T_i))`, with
///   `T_cur` counted in fractional epochs (`epoch + iter/iters_per_epoch`) since the last restart, `T_0 = t0`
///   and `T_{i+1} = T_i · t_mult`.
/// - triangular (Smith 2017): with global iteration `g` and half period `h`,
///   `cycle = ⌊1 + g/2h⌋`, `x = |g/h − 2·cycle + 1|`, `lr_min + (lr − lr_min)·max(0, 1 − x)`.
pub fn lr_at(
    schedule: &Schedule,
    lr: f64,
    epoch: usize,
    iter: usize,
    iters_per_epoch: usize,
) -> f64 {
    match *schedule {
        Schedule::Constant => lr,
        Schedule::Multistage { every, gamma } => lr * gamma.powi((epoch / every) as i32),
        Schedule::Sgdr { t0, t_mult, lr_min } => {
            let mut t = epoch as f64 + iter as f64 / iters_per_epoch.max(1) as f64;
            let mut ti = t0 as f64;
            while t >= ti {
                t -= ti;
                ti *= t_mult as f64;
            }
            lr_min + 0.5 * (lr - lr_min) * (1.0 + (PI * t / ti).cos())
        }
        Schedule::Triangular {
            lr_min,
            half_period,
        } => {
            let g = (epoch * iters_per_epoch + iter) as f64;
            let h = half_period as f64;
            let cycle = (1.0 + g / (2.0 * h)).floor();
            let x = (g / h - 2.0 * cycle + 1.0).abs();
            lr_min + (lr - lr_min) * (1.0 - x).max(0.0)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) {
        assert!((a - b).abs() < 1e-12, "{a} vs {b}");
    }

    #[test]
    fn constant_and_multistage() {
        close(lr_at(&Schedule::Constant, 0.05, 9, 3, 10), 0.05);
        let s = Schedule::Multistage {
            every: 10,
            gamma: 0.1,
        };
        close(lr_at(&s, 0.05, 9, 9, 10), 0.05);
        close(lr_at(&s, 0.05, 10, 0, 10), 0.005);
        close(lr_at(&s, 0.05, 25, 0, 10), 0.0005);
    }

    #[test]
    fn sgdr_by_hand() {
        // t0 = 2, t_mult = 2: cycles [0,2), [2,6), [6,14) epochs.
        let s = Schedule::Sgdr {
            t0: 2,
            t_mult: 2,
            lr_min: 0.0,
        };
        close(lr_at(&s, 1.0, 0, 0, 4), 1.0); // start of cycle
        close(lr_at(&s, 1.0, 1, 0, 4), 0.5); // halfway: ½(1+cos(π/2))
        close(lr_at(&s, 1.0, 2, 0, 4), 1.0); // restart
        close(lr_at(&s, 1.0, 4, 0, 4), 0.5); // halfway through T_1 = 4
        close(lr_at(&s, 1.0, 3, 0, 4), 0.5 * (1.0 + (PI / 4.0).cos()));
        close(lr_at(&s, 1.0, 6, 0, 4), 1.0);
    }

    #[test]
    fn triangular_by_hand() {
        let s = Schedule::Triangular {
            lr_min: 0.01,
            half_period: 4,
        };
        // g = 0 → lr_min, g = 2 → halfway, g = 4 → peak, g = 6 → halfway, g = 8 → lr_min.
        close(lr_at(&s, 0.05, 0, 0, 100), 0.01);
        close(lr_at(&s, 0.05, 0, 2, 100), 0.03);
        close(lr_at(&s, 0.05, 0, 4, 100), 0.05);
        close(lr_at(&s, 0.05, 0, 6, 100), 0.03);
        close(lr_at(&s, 0.05, 0, 8, 100), 0.01);
        // Epoch 1 of 10 iterations: g = 10 is halfway up the second cycle, g = 12 its peak.
        close(lr_at(&s, 0.05, 1, 0, 10), 0.03);
        close(lr_at(&s, 0.05, 1, 2, 10), 0.05);
    }
}
