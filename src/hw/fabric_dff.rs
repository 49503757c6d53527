//! A D flip-flop that stays in the logic fabric: rust-hdl's `DFF` with its register marked
//! `(* keep *)`, so that Yosys's `ice40_dsp` pass does not merge it into an `SB_MAC16`'s input
//! register.
//!
//! # Math, formats, latency
//! `q(t+1) = d(t)`, any [`Synth`] type (the bits are copied; signedness does not matter), initial
//! value the type's default (0). Latency 1, exactly as `DFF<T>`; golden has nothing to equal but
//! "one cycle later", which the tests below and every proof of the units that use it check.
//!
//! ```text
//!        ┌──────────────── logic fabric ────────────────┐        ┌─ SB_MAC16 (chip edge) ─┐
//!  d ──► │ mux / read-data select ──► q_r (* keep *)     │ ──q──► │ A/B input (unregistered)│
//!        └───────────────────────────────────────────────┘        └────────────────────────┘
//! ```
//!
//! # Why
//! The UP5K's eight DSPs sit in the leftmost and rightmost columns. A `DFF` whose only load is a
//! multiplier operand becomes the DSP's own A/B register, so whatever logic computes `d` (e.g.
//! the 5:1 block-RAM read-data select of a memory spread over five block RAMs) must also cross the
//! chip within the same cycle: in the up5k engine the update unit's `mvb_q ← V word` was the
//! placed critical path that way (block-RAM select → 3 LUTs → DSP `B`, 21.3 ns, 15.2 of it
//! routing). Kept in the fabric, the register sits next to the logic that feeds it and the
//! register → DSP route is a path of its own (one net). Cost: one logic cell per bit that does not
//! pack with the LUT in front of it.
//!
//! In the emitted Verilog the register is `q_r`, declared `(* keep *) reg`, and `q` follows it
//! combinationally (`always @(*) q = q_r;`): an attribute cannot be put on the port declaration
//! rust-hdl writes. Icarus and Verilator ignore the attribute.

use rust_hdl::prelude::*;

/// See the module doc.
#[derive(Clone, Debug, LogicBlock)]
pub struct FabricDff<T: Synth> {
    pub d: Signal<In, T>,
    pub q: Signal<Out, T>,
    pub clock: Signal<In, Clock>,
}

impl<T: Synth> Default for FabricDff<T> {
    fn default() -> Self {
        assert!(T::BITS >= 1, "FabricDff: a register of 0 bits");
        Self {
            d: Signal::default(),
            q: Signal::default(),
            clock: Signal::default(),
        }
    }
}

impl<T: Synth> FabricDff<T> {
    pub fn new() -> Self {
        Self::default()
    }
}

impl<T: Synth> Logic for FabricDff<T> {
    fn update(&mut self) {
        if self.clock.pos_edge() {
            self.q.next = self.d.val()
        }
    }
    fn connect(&mut self) {
        self.q.connect();
    }
    fn hdl(&self) -> Verilog {
        Verilog::Custom(format!(
            "(* keep *) reg [{msb}:0] q_r;\n\
             initial q_r = {init:x};\n\
             always @(posedge clock) q_r <= d;\n\
             always @(*) q = q_r;\n",
            msb = T::BITS - 1,
            init = T::default().verilog(),
        ))
    }
    fn timing(&self) -> Vec<TimingInfo> {
        vec![TimingInfo {
            name: "fabric_dff".into(),
            clock: "clock".into(),
            inputs: vec!["d".into()],
            outputs: vec!["q".into()],
        }]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A two-register chain: `a` a plain `DFF`, `b` a `FabricDff`, both signed.
    #[derive(LogicBlock, Default)]
    struct Chain {
        clock: Signal<In, Clock>,
        x: Signal<In, Signed<16>>,
        y: Signal<Out, Signed<16>>,
        a: DFF<Signed<16>>,
        b: FabricDff<Signed<16>>,
    }

    impl Logic for Chain {
        #[hdl_gen]
        fn update(&mut self) {
            dff_setup!(self, clock, a);
            clock!(self, clock, b);
            self.a.d.next = self.x.val();
            self.b.d.next = self.a.q.val();
            self.y.next = self.b.q.val();
        }
    }

    #[test]
    fn emits_a_kept_register_of_the_type_width() {
        let v = match FabricDff::<Signed<16>>::new().hdl() {
            Verilog::Custom(s) => s,
            _ => panic!("FabricDff must emit custom Verilog"),
        };
        assert!(v.contains("(* keep *) reg [15:0] q_r;"), "{v}");
        assert!(v.contains("always @(posedge clock) q_r <= d;"), "{v}");
        let v1 = match FabricDff::<Bits<3>>::new().hdl() {
            Verilog::Custom(s) => s,
            _ => unreachable!(),
        };
        assert!(v1.contains("reg [2:0] q_r;"), "{v1}");
    }

    /// rust-hdl: `y`, sampled before each edge, is `x` of two edges earlier (the `DFF` and the
    /// `FabricDff`), negative values included.
    #[test]
    fn delays_by_one_cycle_in_rust_hdl() {
        let mut c = Chain::default();
        c.connect_all();
        fn clk(c: &mut Chain) -> &mut Signal<In, Clock> {
            &mut c.clock
        }
        let xs: Vec<i64> = (0..40).map(|i| (i * 7919 % 65536) - 32768).collect();
        for (t, &x) in xs.iter().enumerate() {
            let y = crate::hw::cycle(
                &mut c,
                clk,
                |c| c.x.next = Signed::<16>::from(x),
                |c| c.y.val(),
            );
            if t >= 2 {
                assert_eq!(
                    y,
                    Signed::<16>::from(xs[t - 2]),
                    "cycle {t}: x = {x}, expected y = x(t-2) = {}",
                    xs[t - 2]
                );
            }
        }
    }

    /// rust-hdl's emission of a block holding one keeps the attribute and the register.
    #[test]
    fn chain_verilog_has_the_kept_register() {
        let mut c = Chain::default();
        c.connect_all();
        let v = generate_verilog(&c);
        assert!(v.contains("(* keep *) reg [15:0] q_r;"), "{v}");
    }
}
