//! Layer 1: the floating-point MLP trainer, generic over `num_traits::Float` (f32 and f64).
//! The truth for accuracy; every fixed-point engine starts from its init and follows its sample order.

pub mod init;
pub mod schedule;
