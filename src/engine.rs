//! The engines that can train a network: one name per execution of the same model.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Engine {
    /// The floating-point reference (f32).
    Float,
    /// The bit-accurate integer model of the hardware.
    Golden,
    /// rust-hdl's cycle-accurate simulation of the generated engine.
    Rtl,
    /// The emitted Verilog compiled by Verilator.
    Verilator,
}

pub const ENGINES: &[Engine] = &[
    Engine::Float,
    Engine::Golden,
    Engine::Rtl,
    Engine::Verilator,
];

impl Engine {
    pub fn name(self) -> &'static str {
        match self {
            Engine::Float => "float",
            Engine::Golden => "golden",
            Engine::Rtl => "rtl",
            Engine::Verilator => "verilator",
        }
    }

    pub fn is_fixed_point(self) -> bool {
        !matches!(self, Engine::Float)
    }

    pub fn parse(s: &str) -> Result<Engine, String> {
        ENGINES
            .iter()
            .copied()
            .find(|e| e.name() == s)
            .ok_or_else(|| {
                let known: Vec<_> = ENGINES.iter().map(|e| e.name()).collect();
                format!("unknown engine '{s}' (known: {})", known.join(", "))
            })
    }

    /// A comma-separated list, e.g. `float,golden`.
    pub fn parse_list(s: &str) -> Result<Vec<Engine>, String> {
        let mut v = Vec::new();
        for part in s.split(',') {
            let e = Engine::parse(part.trim())?;
            if !v.contains(&e) {
                v.push(e);
            }
        }
        Ok(v)
    }
}

impl fmt::Display for Engine {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_names_and_lists() {
        for &e in ENGINES {
            assert_eq!(Engine::parse(e.name()).unwrap(), e);
        }
        assert!(Engine::parse("gpu")
            .unwrap_err()
            .contains("unknown engine 'gpu'"));
        assert_eq!(
            Engine::parse_list("float, golden,float").unwrap(),
            vec![Engine::Float, Engine::Golden]
        );
    }
}
