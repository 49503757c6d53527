//! The activation unit: forward activation and derivative, one value per cycle on each path.
//!
//! # Math (equal to `golden::kernels::act_forward` / `act_derivative`, bit for bit)
//! Forward, `x` = narrowed pre-activation (act format, Q.`act_frac`) → `y` (act format):
//! - identity (output layer): `y = x`; ReLU: `max(x, 0)`; leaky ReLU: `x > 0 ? x : round_shift(x, s)`
//!   (`s = leaky_shift`, `fixed.rounding`);
//! - sigmoid: `x ≥ 0 ? S[i] : 2^act − S[i]`, tanh: `x ≥ 0 ? T[i] : −T[i]`, with the ROM index
//!   `i = min(|x| >> index_shift, N − 1)` (`|x|` on 17 bits: −32768 → 32768) and the ROMs `S`, `T`
//!   built by golden's one table builder (`golden::tables::{sigmoid_table, tanh_table}`), so golden
//!   and RTL cannot drift.
//!
//! Derivative, stored activation `a` (act format) and incoming `dA` (error format) → `δ` (error
//! format) and `dsat` (a narrowing saturated): every kind is `δ = narrow(dA′ · f′, 14)`, where
//! - sigmoid: `f′ = requantize(a · sat16(2^act − a), 2·act → 14)`, tanh:
//!   `f′ = requantize(2^(2·act) − a·a, 2·act → 14)` (Q1.14, saturating; `dA′ = dA`): one
//!   multiplier and one narrowing;
//! - ReLU / leaky / identity: `f′ = 1.0 = 16384` and `dA′` = the golden result itself
//!   (`a > 0 ? dA : 0`, `a > 0 ? dA : round_shift(dA, s)`, `dA`), which passes the narrowing
//!   exactly (`v·2^14 >> 14 = v`, no rounding, no saturation): the hardware passes `dA′` through
//!   the narrowing's bypass ([`NarrowBypass`]) and never multiplies it. Identity has no golden
//!   derivative (the output layer's δ comes from the loss unit); it passes `dA` (f′ = 1).
//!
//! `kind` / `dkind` codes ([`kind_code`]): 0 identity, 1 ReLU, 2 leaky ReLU, 3 sigmoid, 4 tanh (5–7
//! behave as identity). Kinds are inputs, so one unit per drain lane serves layers of different
//! activations; the two ROMs are always present (a constant `kind` lets synthesis drop the unused
//! one's logic, not its memory).
//!
//! # Pipeline: latency 2 on both paths, one value per cycle, no stall
//! ```text
//!  x, kind ─► |x| ─► >>shift, min N−1 ─► [ROM S][ROM T] (sync) ──┐
//!          ├─► Narrow(leaky_shift) [reg] ──────────────────────────┼─► mux by kind ─►[y_q]─► y
//!          └─► [x_q, kind_q] ──────────────────────────────────────┘
//!  a, dA ─► a·sat16(1−a) | 1−a·a (Mul16) ─► clamp, <<k ─► Narrow(2·act−14) [reg] f′ ──┐
//!        ├─► Narrow(leaky_shift) on dA [reg] ─────────────────────┐                  │
//!        └─► [dA_q, a>0 _q, dkind_q] ─► dA′ mux ◄─────────────────┘                  ▼
//!                                       dA′ ──────────────────────────┐ alt (not sigmoid/tanh)
//!                                       dA · f′ (Mul16) ─► NarrowBypass(14) [reg] ─► δ, sat
//! ```
//! Inputs of cycle `t` give `y` and `δ`, `dsat` in cycle `t+2` (both paths independent; the engine
//! delays its valid bits by 2). `k = max(14 − 2·act, 0)` (a left shift when `act_frac < 7`;
//! the value is clamped first so that the shifted value still saturates correctly).
//!
//! In the engine the kind codes come from registers loaded with the layers' constant codes: for a
//! network of ReLU layers (the presets) synthesis finds their upper bits constant 0 and removes
//! the ROMs, both multipliers and the narrowings: δ is `dA′` one LUT level after the stage-1
//! registers (before, `dA′ · 16384` went through the multiplier, which Yosys cannot see through,
//! and a 5-LUT-level narrowing; one SB_MAC16 fewer). Up5k engine: 4 645 → 4 568 packed cells
//! together with session 6's loss-unit and narrowing changes, 8 → 7 DSPs. Standalone (all kinds,
//! `synth --unit act_unit --config preset:up5k`): 518 LUTs, 107 FFs (the f′ register now sits in
//! the multiplier's B input register), 628 cells, 26.3 MHz (before 500, 123, 611, 28.6; the
//! critical path is the sigmoid/tanh f′ path `mul1` → `req1`, 7 LUT levels and 29 carries, as
//! before).
//!
//! The ROMs are hand-written Verilog ([`Rom16`]: `reg [15:0] mem [0:N−1]`, `initial` contents, one
//! clocked read — Yosys maps it to block RAM: 2048×16 = 8 iCE40 BRAMs per table at the defaults).

use super::harness::{self, HwUnit, Port, Vectors};
use super::narrow::{Narrow, NarrowBypass};
use super::pe::{Mul16, Sext16};
use super::{from_signed, to_bits, to_signed};
use crate::config::{Activation, Config, Rounding};
use crate::golden::kernels::{act_derivative, act_forward, ActTables, DERIV_FRAC};
use proptest::prelude::*;
use rust_hdl::prelude::*;

/// Address width of [`Rom16`] ports (the largest `fixed.table_log2`).
pub const ROM_ADDR_BITS: u32 = 12;

/// Cycles from the inputs to `y`, `δ`, `dsat` (both paths).
pub const LATENCY: usize = 2;

/// A synchronous 16-bit ROM of `len` ≤ 4096 entries (a power of two): `data ← mem[address]` at the
/// rising edge. Hand-written Verilog (the contents as an `initial` block) with a Rust model; the
/// address port is 12 bits wide whatever the size (only the low `log2(len)` bits are used).
#[derive(LogicBlock)]
pub struct Rom16 {
    pub clock: Signal<In, Clock>,
    pub address: Signal<In, Bits<12>>,
    pub data: Signal<Out, Bits<16>>,
    _table: Vec<u16>,
}

impl Rom16 {
    /// A ROM holding `values` (each the low 16 bits of a value); `len` a power of two ≤ 4096.
    pub fn new(values: &[i32]) -> Rom16 {
        assert!(
            values.len().is_power_of_two() && values.len() <= 1 << ROM_ADDR_BITS,
            "ROM of {} entries",
            values.len()
        );
        Rom16 {
            clock: Default::default(),
            address: Default::default(),
            data: Default::default(),
            _table: values.iter().map(|&v| v as u16).collect(),
        }
    }
}

impl Logic for Rom16 {
    fn update(&mut self) {
        if self.clock.pos_edge() {
            let a = self.address.val().to_u64() as usize & (self._table.len() - 1);
            self.data.next = to_bits(self._table[a] as u64);
        }
    }
    fn connect(&mut self) {
        self.data.connect();
    }
    fn hdl(&self) -> Verilog {
        let n = self._table.len();
        let abits = n.trailing_zeros();
        let mut init = String::new();
        for (i, v) in self._table.iter().enumerate() {
            init.push_str(&format!("    mem[{i}] = 16'h{v:04x};\n"));
        }
        let index = if abits == ROM_ADDR_BITS {
            "address".to_string()
        } else if abits == 0 {
            "1'b0".to_string()
        } else {
            format!("address[{}:0]", abits - 1)
        };
        Verilog::Custom(format!(
            "reg [15:0] mem [0:{last}];\n\
             initial begin\n{init}    data = 16'h0000;\nend\n\
             always @(posedge clock) data <= mem[{index}];",
            last = n - 1
        ))
    }
}

/// The `kind` code of a layer's activation (`None` = identity, the output layer).
pub fn kind_code(kind: Option<Activation>) -> u64 {
    match kind {
        None => 0,
        Some(Activation::Relu) => 1,
        Some(Activation::LeakyRelu) => 2,
        Some(Activation::Sigmoid) => 3,
        Some(Activation::Tanh) => 4,
    }
}

/// Golden forward value for a kind code (identity for codes without an activation).
pub fn golden_forward(code: u64, x: i32, t: &ActTables) -> i32 {
    match code_kind(code) {
        Some(k) => act_forward(k, x, t),
        None => x,
    }
}

/// Golden derivative for a kind code (identity passes `dA`).
pub fn golden_derivative(code: u64, a: i32, da: i32, t: &ActTables) -> (i32, bool) {
    match code_kind(code) {
        Some(k) => act_derivative(k, a, da, t),
        None => (da, false),
    }
}

fn code_kind(code: u64) -> Option<Activation> {
    match code {
        1 => Some(Activation::Relu),
        2 => Some(Activation::LeakyRelu),
        3 => Some(Activation::Sigmoid),
        4 => Some(Activation::Tanh),
        _ => None,
    }
}

/// The activation unit (see the module doc).
#[derive(LogicBlock)]
pub struct ActUnit {
    pub clock: Signal<In, Clock>,
    /// Forward input: narrowed pre-activation (act format).
    pub x: Signal<In, Signed<16>>,
    /// Forward kind code ([`kind_code`]).
    pub kind: Signal<In, Bits<3>>,
    /// `act_forward(kind, x)`, two cycles later.
    pub y: Signal<Out, Signed<16>>,
    /// Derivative inputs: stored activation (act format), incoming error (err format), kind code.
    pub a: Signal<In, Signed<16>>,
    pub da: Signal<In, Signed<16>>,
    pub dkind: Signal<In, Bits<3>>,
    /// `act_derivative(dkind, a, da)`, two cycles later, and its saturation flag.
    pub delta: Signal<Out, Signed<16>>,
    pub dsat: Signal<Out, Bit>,
    // ---- forward
    x_ext: Sext16,
    rom_sig: Rom16,
    rom_tanh: Rom16,
    leaky_f: Narrow,
    x_q: DFF<Bits<16>>,
    kind_q: DFF<Bits<3>>,
    y_q: DFF<Bits<16>>,
    /// `x` sign-extended (32 bits), `|x|`, `|x| >> index_shift`.
    xb: Signal<Local, Bits<32>>,
    ux: Signal<Local, Bits<32>>,
    idx: Signal<Local, Bits<32>>,
    // ---- derivative
    a_ext: Sext16,
    mul1: Mul16,
    req1: Narrow,
    leaky_d: Narrow,
    mul2: Mul16,
    out_n: NarrowBypass,
    da_ext: Sext16,
    da_q: DFF<Signed<16>>,
    apos_q: DFF<Bit>,
    dkind_q: DFF<Bits<3>>,
    s1_q: DFF<Bit>,
    /// `a` as 32 bits; `2^act − a` (32 bits).
    ab: Signal<Local, Bits<32>>,
    om: Signal<Local, Bits<32>>,
    /// The unnarrowed derivative (2·act fraction bits) and its clamped, left-shifted form.
    fprime: Signal<Local, Bits<32>>,
    pre: Signal<Local, Bits<32>>,
    /// ReLU / leaky / identity result (dA′ with f′ = 1).
    pass: Signal<Local, Signed<16>>,
    index_shift_c: Constant<Bits<32>>,
    nmax_c: Constant<Bits<32>>,
    zero32_c: Constant<Bits<32>>,
    zero16_c: Constant<Bits<16>>,
    zero_s16_c: Constant<Signed<16>>,
    one_act16_c: Constant<Bits<16>>,
    one_act32_c: Constant<Bits<32>>,
    one_2act_c: Constant<Bits<32>>,
    sign_c: Constant<Bits<32>>,
    /// 32767 and 32767 ^ sign (the upper clamp of `2^act − a`).
    max16_32_c: Constant<Bits<32>>,
    max16_biased_c: Constant<Bits<32>>,
    /// Left shift of f′ (k) and its clamp bounds, biased; used when `lshift_c`.
    lshift_c: Constant<Bit>,
    k_c: Constant<Bits<32>>,
    lo_c: Constant<Bits<32>>,
    hi_c: Constant<Bits<32>>,
    lo_biased_c: Constant<Bits<32>>,
    hi_biased_c: Constant<Bits<32>>,
    k_relu: Constant<Bits<3>>,
    k_leaky: Constant<Bits<3>>,
    k_sigmoid: Constant<Bits<3>>,
    k_tanh: Constant<Bits<3>>,
}

impl ActUnit {
    /// The unit for `t` (ROM contents, formats, leaky shift, rounding).
    pub fn new(t: &ActTables) -> ActUnit {
        let af = t.act_frac;
        assert!((1..=14).contains(&af), "act_frac {af} outside 1..=14");
        assert!(
            t.rounding != Rounding::Stochastic,
            "fixed.rounding stochastic"
        );
        assert_eq!(t.sigmoid.len(), t.tanh.len());
        let n = t.sigmoid.len() as u64;
        let k = DERIV_FRAC.saturating_sub(2 * af);
        let sign = 0x8000_0000u64;
        // f′ · 2^k saturates 16 bits iff f′ > 2^(15−k) − 1 or f′ < −2^(15−k): clamp to one step
        // beyond, so the shifted value (≤ 2^15 + 2^k in magnitude) still saturates in the Narrow.
        let hi = 1i64 << (15 - k);
        let lo = -(1i64 << (15 - k)) - 1;
        ActUnit {
            clock: Default::default(),
            x: Default::default(),
            kind: Default::default(),
            y: Default::default(),
            a: Default::default(),
            da: Default::default(),
            dkind: Default::default(),
            delta: Default::default(),
            dsat: Default::default(),
            x_ext: Default::default(),
            rom_sig: Rom16::new(&t.sigmoid),
            rom_tanh: Rom16::new(&t.tanh),
            leaky_f: Narrow::new(t.leaky_shift, t.rounding),
            x_q: Default::default(),
            kind_q: Default::default(),
            y_q: Default::default(),
            xb: Default::default(),
            ux: Default::default(),
            idx: Default::default(),
            a_ext: Default::default(),
            mul1: Default::default(),
            req1: Narrow::new((2 * af).saturating_sub(DERIV_FRAC), t.rounding),
            leaky_d: Narrow::new(t.leaky_shift, t.rounding),
            mul2: Default::default(),
            out_n: NarrowBypass::new(DERIV_FRAC, t.rounding),
            da_ext: Default::default(),
            da_q: Default::default(),
            apos_q: Default::default(),
            dkind_q: Default::default(),
            s1_q: Default::default(),
            ab: Default::default(),
            om: Default::default(),
            fprime: Default::default(),
            pre: Default::default(),
            pass: Default::default(),
            index_shift_c: Constant::new(to_bits(t.index_shift as u64)),
            nmax_c: Constant::new(to_bits(n - 1)),
            zero32_c: Constant::new(to_bits(0)),
            zero16_c: Constant::new(to_bits(0)),
            zero_s16_c: Constant::new(to_signed(0)),
            one_act16_c: Constant::new(to_bits(1 << af)),
            one_act32_c: Constant::new(to_bits(1 << af)),
            one_2act_c: Constant::new(to_bits(1 << (2 * af))),
            sign_c: Constant::new(to_bits(sign)),
            max16_32_c: Constant::new(to_bits(32767)),
            max16_biased_c: Constant::new(to_bits(32767 ^ sign)),
            lshift_c: Constant::new(k > 0),
            k_c: Constant::new(to_bits(k as u64)),
            lo_c: Constant::new(to_bits(lo as u64)),
            hi_c: Constant::new(to_bits(hi as u64)),
            lo_biased_c: Constant::new(to_bits(lo as u64 ^ sign)),
            hi_biased_c: Constant::new(to_bits(hi as u64 ^ sign)),
            k_relu: Constant::new(to_bits(1)),
            k_leaky: Constant::new(to_bits(2)),
            k_sigmoid: Constant::new(to_bits(3)),
            k_tanh: Constant::new(to_bits(4)),
        }
    }
}

impl Logic for ActUnit {
    #[hdl_gen]
    fn update(&mut self) {
        dff_setup!(self, clock, x_q, kind_q, y_q, da_q, apos_q, dkind_q, s1_q);
        clock!(self, clock, rom_sig, rom_tanh, leaky_f, req1, leaky_d, out_n);
        // ---------------- forward, stage 1: ROM index, leaky shift
        self.x_ext.a.next = self.x.val();
        self.xb.next = unsigned_cast(self.x_ext.y.val());
        if self.xb.val().get_bit(31) {
            self.ux.next = self.zero32_c.val() - self.xb.val();
        } else {
            self.ux.next = self.xb.val();
        }
        self.idx.next = self.ux.val() >> self.index_shift_c.val();
        if self.idx.val() > self.nmax_c.val() {
            self.rom_sig.address.next = self.nmax_c.val().get_bits::<12>(0);
            self.rom_tanh.address.next = self.nmax_c.val().get_bits::<12>(0);
        } else {
            self.rom_sig.address.next = self.idx.val().get_bits::<12>(0);
            self.rom_tanh.address.next = self.idx.val().get_bits::<12>(0);
        }
        self.leaky_f.acc_in.next = self.x_ext.y.val();
        self.leaky_f.rnd.next = self.zero32_c.val();
        self.x_q.d.next = unsigned_cast(self.x.val());
        self.kind_q.d.next = self.kind.val();
        // ---------------- forward, stage 2: select by kind
        if self.kind_q.q.val() == self.k_relu.val() {
            if self.x_q.q.val().get_bit(15) {
                self.y_q.d.next = self.zero16_c.val();
            } else {
                self.y_q.d.next = self.x_q.q.val();
            }
        } else if self.kind_q.q.val() == self.k_leaky.val() {
            if self.x_q.q.val().get_bit(15) | (self.x_q.q.val() == self.zero16_c.val()) {
                self.y_q.d.next = unsigned_cast(self.leaky_f.value_out.val());
            } else {
                self.y_q.d.next = self.x_q.q.val();
            }
        } else if self.kind_q.q.val() == self.k_sigmoid.val() {
            if self.x_q.q.val().get_bit(15) {
                self.y_q.d.next = self.one_act16_c.val() - self.rom_sig.data.val();
            } else {
                self.y_q.d.next = self.rom_sig.data.val();
            }
        } else if self.kind_q.q.val() == self.k_tanh.val() {
            if self.x_q.q.val().get_bit(15) {
                self.y_q.d.next = self.zero16_c.val() - self.rom_tanh.data.val();
            } else {
                self.y_q.d.next = self.rom_tanh.data.val();
            }
        } else {
            self.y_q.d.next = self.x_q.q.val();
        }
        self.y.next = signed_cast(self.y_q.q.val());
        // ---------------- derivative, stage 1: f′ (2·act fraction bits) → Q1.14
        self.a_ext.a.next = self.a.val();
        self.ab.next = unsigned_cast(self.a_ext.y.val());
        self.om.next = self.one_act32_c.val() - self.ab.val();
        self.mul1.a.next = self.a.val();
        if self.dkind.val() == self.k_sigmoid.val() {
            // sat16(2^act − a): only the upper bound can be crossed (a ≥ −32768, 2^act ≥ 1).
            if (self.om.val() ^ self.sign_c.val()) > self.max16_biased_c.val() {
                self.mul1.b.next = signed_cast(self.max16_32_c.val().get_bits::<16>(0));
            } else {
                self.mul1.b.next = signed_cast(self.om.val().get_bits::<16>(0));
            }
            self.fprime.next = unsigned_cast(self.mul1.p.val());
        } else {
            self.mul1.b.next = self.a.val();
            self.fprime.next = self.one_2act_c.val() - unsigned_cast(self.mul1.p.val());
        }
        self.pre.next = self.fprime.val();
        if self.lshift_c.val() {
            if (self.fprime.val() ^ self.sign_c.val()) > self.hi_biased_c.val() {
                self.pre.next = self.hi_c.val() << self.k_c.val();
            } else if (self.fprime.val() ^ self.sign_c.val()) < self.lo_biased_c.val() {
                self.pre.next = self.lo_c.val() << self.k_c.val();
            } else {
                self.pre.next = self.fprime.val() << self.k_c.val();
            }
        }
        self.req1.acc_in.next = signed_cast(self.pre.val());
        self.req1.rnd.next = self.zero32_c.val();
        self.da_ext.a.next = self.da.val();
        self.leaky_d.acc_in.next = self.da_ext.y.val();
        self.leaky_d.rnd.next = self.zero32_c.val();
        self.da_q.d.next = self.da.val();
        self.apos_q.d.next = !self.ab.val().get_bit(31) & (self.ab.val() != self.zero32_c.val());
        self.dkind_q.d.next = self.dkind.val();
        // ---------------- derivative, stage 2: δ = narrow(dA′ · f′, 14)
        if self.dkind_q.q.val() == self.k_relu.val() {
            if self.apos_q.q.val() {
                self.pass.next = self.da_q.q.val();
            } else {
                self.pass.next = self.zero_s16_c.val();
            }
        } else if self.dkind_q.q.val() == self.k_leaky.val() {
            if self.apos_q.q.val() {
                self.pass.next = self.da_q.q.val();
            } else {
                self.pass.next = self.leaky_d.value_out.val();
            }
        } else {
            self.pass.next = self.da_q.q.val();
        }
        // The multiplier serves sigmoid/tanh alone; the other kinds pass `pass` (exact: f′ = 1)
        // through the narrowing's bypass, so that an engine without sigmoid/tanh layers (the kind
        // codes' upper bits constant 0) loses the multiplier and the narrowing.
        self.mul2.a.next = self.da_q.q.val();
        self.mul2.b.next = self.req1.value_out.val();
        self.out_n.acc_in.next = self.mul2.p.val();
        self.out_n.alt.next = self.pass.val();
        if (self.dkind_q.q.val() == self.k_sigmoid.val())
            | (self.dkind_q.q.val() == self.k_tanh.val())
        {
            self.out_n.use_alt.next = false;
            self.s1_q.d.next = self.req1.sat.val();
        } else {
            self.out_n.use_alt.next = true;
            self.s1_q.d.next = false;
        }
        self.delta.next = self.out_n.value_out.val();
        self.dsat.next = self.out_n.sat.val() | self.s1_q.q.val();
    }
}

/// The activation unit as a harness unit.
pub struct ActUnitHw {
    pub tables: ActTables,
}

impl ActUnitHw {
    pub fn new(cfg: &Config) -> ActUnitHw {
        ActUnitHw {
            tables: ActTables::new(cfg),
        }
    }
    fn build(&self) -> ActUnit {
        let mut b = ActUnit::new(&self.tables);
        b.connect_all();
        b
    }
}

fn ports() -> (Vec<Port>, Vec<Port>) {
    (
        vec![
            Port::new("x", 16),
            Port::new("kind", 3),
            Port::new("a", 16),
            Port::new("da", 16),
            Port::new("dkind", 3),
        ],
        vec![
            Port::new("y", 16),
            Port::new("delta", 16),
            Port::new("dsat", 1),
        ],
    )
}

const KIND_NAMES: [&str; 5] = ["identity", "relu", "leaky", "sigmoid", "tanh"];

impl HwUnit for ActUnitHw {
    fn name(&self) -> &'static str {
        "act_unit"
    }
    fn verilog(&self) -> String {
        generate_verilog(&self.build())
    }
    fn vectors(&self, seed: u64) -> Vectors {
        let t = &self.tables;
        let mut r = harness::runner(seed);
        let (i, o) = ports();
        let mut v = Vectors::new(i, o);
        // Table-range edges: the last in-range code, the first beyond it, ± each, both signs.
        let range = ((t.sigmoid.len() as i64) << t.index_shift).min(32768);
        let mut edges = vec![-32768i64, -32767, -1, 0, 1, 32767];
        for d in [-2i64, -1, 0, 1] {
            edges.push((range + d).min(32767));
            edges.push(-(range + d).min(32768));
        }
        let one = 1i64 << t.act_frac;
        let x_s = prop_oneof![
            3 => harness::operand().prop_map(|x| x as i64),
            2 => -(range + 8)..(range + 8),
            1 => prop::sample::select(edges.clone()),
        ];
        // Stored activations: typical outputs (−1..1 for tanh, 0..1 sigmoid), anything, edges.
        let a_s = prop_oneof![
            2 => -one..=one,
            2 => harness::operand().prop_map(|x| x as i64),
            1 => prop::sample::select(vec![-32768i64, 32767, 0, 1, -1, one, one - 1, one + 1, -one]),
            1 => -(4 * one)..(4 * one),
        ];
        let da_s = prop_oneof![
            3 => harness::operand().prop_map(|x| x as i64),
            1 => -4096i64..4096,
        ];
        let kinds = 5u64;
        let per_kind = 1400usize;
        // Pipeline of the golden results: outputs of cycle n are the inputs of cycle n − 2.
        let mut pipe: Vec<(i32, i32, bool)> = Vec::new();
        let mut hist: Vec<(u64, u64)> = Vec::new();
        let mut n = 0usize;
        for k in 0..kinds {
            // Each kind in one block on the forward path, the derivative kinds rotated by 2 (so
            // both paths see every kind with every other kind on the other path).
            for j in 0..per_kind {
                let x = harness::draw(&mut r, &x_s);
                let a = harness::draw(&mut r, &a_s);
                let da = harness::draw(&mut r, &da_s);
                let dk = (k + 2 + (j as u64 % 7 / 6)) % kinds;
                let y = golden_forward(k, x as i32, t);
                let (d, s) = golden_derivative(dk, a as i32, da as i32, t);
                let (ey, ed, es) = if n >= 2 { pipe[n - 2] } else { (0, 0, false) };
                let note = if n >= 2 {
                    let (pk, pd) = hist[n - 2];
                    format!(
                        "cycle {n}: results of cycle {} (kind {}, dkind {})",
                        n - 2,
                        KIND_NAMES[pk as usize],
                        KIND_NAMES[pd as usize]
                    )
                } else {
                    format!("cycle {n}: pipeline fill")
                };
                v.push(
                    vec![x as u64, k, a as u64, da as u64, dk],
                    vec![ey as u64, ed as u64, es as u64],
                    vec![n >= 2; 3],
                    note,
                );
                hist.push((k, dk));
                pipe.push((y, d, s));
                n += 1;
            }
        }
        v
    }
    fn run_rusthdl(&self, inputs: &[Vec<u64>]) -> Vec<Vec<u64>> {
        let mut b = self.build();
        fn clk(b: &mut ActUnit) -> &mut Signal<In, Clock> {
            &mut b.clock
        }
        super::cycle(&mut b, clk, |_| {}, |_| ());
        inputs
            .iter()
            .map(|x| {
                super::cycle(
                    &mut b,
                    clk,
                    |b| {
                        b.x.next = to_signed(x[0] as i64);
                        b.kind.next = to_bits(x[1]);
                        b.a.next = to_signed(x[2] as i64);
                        b.da.next = to_signed(x[3] as i64);
                        b.dkind.next = to_bits(x[4]);
                    },
                    |b| {
                        vec![
                            from_signed(b.y.val()) as u64,
                            from_signed(b.delta.val()) as u64,
                            b.dsat.val() as u64,
                        ]
                    },
                )
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hw(cfg: &Config) -> ActUnitHw {
        ActUnitHw::new(cfg)
    }

    #[test]
    fn rom16_model_reads_the_table() {
        let t = ActTables::new(&Config::default());
        let mut rom = Rom16::new(&t.sigmoid);
        rom.connect_all();
        for (i, &want) in t.sigmoid.iter().enumerate().step_by(97) {
            rom.clock.next = Clock::from(false);
            rom.address.next = to_bits(i as u64);
            simulate(&mut rom, 10);
            rom.clock.next = Clock::from(true);
            simulate(&mut rom, 10);
            assert_eq!(rom.data.val().to_u64() as i32, want, "entry {i}");
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(12))]
        /// rust-hdl vs golden across configs: table sizes (index shift > 0), act_frac (left shift
        /// of f′ when act_frac < 7), leaky slopes, rounding modes.
        #[test]
        fn rusthdl_equals_golden(
            seed in any::<u64>(),
            table_log2 in 8u32..=11,
            act_frac in prop::sample::select(vec![4u32, 6, 7, 8, 10]),
            leaky in 1u32..=15,
            nearest in any::<bool>(),
        ) {
            let mut cfg = Config::default();
            cfg.fixed.table_log2 = table_log2;
            cfg.fixed.act_frac = act_frac;
            cfg.model.leaky_slope = 2f64.powi(-(leaky as i32));
            cfg.fixed.rounding = if nearest { Rounding::Nearest } else { Rounding::Truncate };
            let u = hw(&cfg);
            let mut v = u.vectors(seed);
            // Keep a slice of every kind block.
            let keep: Vec<_> = v.vectors.chunks(1400).flat_map(|c| c[..150].to_vec()).collect();
            v.vectors = keep;
            // Re-derive the expectations of the kept rows (the pipeline crosses the cuts).
            let rows = v.input_rows();
            let mut exp = Vec::new();
            for (n, x) in rows.iter().enumerate() {
                let e = if n >= 2 {
                    let p = &rows[n - 2];
                    let y = golden_forward(p[1], p[0] as i64 as i16 as i32, &u.tables);
                    let (d, s) = golden_derivative(
                        p[4], p[2] as i16 as i32, p[3] as i16 as i32, &u.tables);
                    (y, d, s)
                } else {
                    (0, 0, false)
                };
                exp.push(e);
                let _ = x;
            }
            for (vec, e) in v.vectors.iter_mut().zip(exp) {
                vec.expect = vec![e.0 as u16 as u64, e.1 as u16 as u64, e.2 as u64];
            }
            let r = harness::check_rusthdl(&u, &v);
            prop_assert_eq!(r.mismatches, 0, "table_log2 {} act {} leaky {}\n{}",
                table_log2, act_frac, leaky, r.report.join("\n"));
        }
    }

    /// All three simulators, lint, latch check, corrupted-vector self-test (default config).
    #[test]
    fn act_unit_three_simulators() {
        let n = harness::prove_unit(&hw(&Config::default()));
        assert!(n >= 5 * 1000);
    }
}
