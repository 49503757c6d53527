//! The host interface of the engine: a 16-bit register bus, the register map of docs/ENGINE.md and
//! memory windows onto the skewed memories' word ports.
//!
//! # Bus (synchronous to `clock`)
//! ```text
//!   addr[16] wdata[16] we re ──► decode ──┬─► registers (CTRL, BATCH, ETA, MU, …)  ──► rdata (next cycle)
//!                                         ├─► label RAM (B words)
//!                                         └─► window ──► word port of X / W[l] / V[l] ──► rdata (next cycle)
//! ```
//! - Write: `we` with `addr`/`wdata` in one cycle; the register (or memory word) holds the value from
//!   the next edge on. Writing CTRL bit 0 raises `start` for exactly one cycle (the next one).
//! - Read: `re` with `addr` in cycle t; `rdata` shows the value in cycle t+1 (latency 1, registers
//!   and windows alike). `rdata` is 0 in a cycle after no read.
//! - Windows are for the host while the engine is idle: the update unit owns the W/V word ports while
//!   it drains, and a host access then is undefined (the engine gives the update unit priority).
//!
//! # Register map (16-bit words)
//! | addr | name | access | meaning |
//! |---|---|---|---|
//! | 0x0000 | CTRL | W | bit 0: start one training step |
//! | 0x0001 | STATUS | R | bit 0 busy, bit 1 done (cleared by start) |
//! | 0x0002 | BATCH | RW | samples in this step (1..=train.batch_size) |
//! | 0x0003 | ETA | RW | η (Q.eta_frac) |
//! | 0x0004 | MU | RW | μ (Q.mu_frac) |
//! | 0x0005 | ONE_MINUS_MU | RW | 1−μ (EMA form; Q.mu_frac) |
//! | 0x0006 | TWO_LAMBDA | RW | weight-decay register (golden `UpdateRegs::wd`) |
//! | 0x0007/8 | LFSR_LO/HI | RW | writing HI loads the LFSR with {HI, LO}; reads show the LFSR state |
//! | 0x0009 | CORRECT | R | correct predictions of the last step |
//! | 0x000A..0x0013 | SAT_{ACC,ACT,ERR,MOM,WEIGHT}_{LO,HI} | R | 32-bit saturation counters of the last step |
//!
//! Windows (from 0x1000, generated from the config by [`RegMap::new`]): a window of a `rows × cols`
//! matrix has a power-of-two row pitch `2^s ≥ cols`; element (r, c) is at `base + (r << s) + c`, and
//! every base is aligned to its window's power-of-two size (decoding is a compare on the high bits).
//! X is `B × n_0` (the bias column is a constant of the memory and not visible), LABELS is `B × 1`,
//! and every layer has W (`(n_l+1) × n_{l+1}`, bias = last row) and V (same shape).
//! [`RegMap::describe`] prints the map of a config (manifest, README, `--json` reports).
//!
//! # Implementation
//! The register file is a leaf block with a Rust model (its `update` acts on the rising edge like a
//! set of DFFs); the engine connects its window port to the memories' word ports.

use crate::config::Config;
use rust_hdl::prelude::*;

pub const CTRL: u16 = 0x0000;
pub const STATUS: u16 = 0x0001;
pub const BATCH: u16 = 0x0002;
pub const ETA: u16 = 0x0003;
pub const MU: u16 = 0x0004;
pub const ONE_MINUS_MU: u16 = 0x0005;
pub const TWO_LAMBDA: u16 = 0x0006;
pub const LFSR_LO: u16 = 0x0007;
pub const LFSR_HI: u16 = 0x0008;
pub const CORRECT: u16 = 0x0009;
/// First saturation counter word; counter `k` (acc, act, err, mom, weight) is at `SAT_BASE + 2k` (LO)
/// and `SAT_BASE + 2k + 1` (HI).
pub const SAT_BASE: u16 = 0x000A;
pub const SAT_NAMES: [&str; 5] = ["ACC", "ACT", "ERR", "MOM", "WEIGHT"];
pub const WINDOW_BASE: u16 = 0x1000;

/// What a window shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WinKind {
    /// Inputs X (the engine memory ACT[0] without its bias column).
    X,
    Labels,
    W(usize),
    V(usize),
}

/// One memory window.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Window {
    pub kind: WinKind,
    pub name: String,
    pub base: u16,
    pub rows: usize,
    pub cols: usize,
    /// Row pitch = `1 << shift`.
    pub shift: u32,
    /// Words the window occupies (a power of two).
    pub size: usize,
}

impl Window {
    pub fn addr(&self, r: usize, c: usize) -> u16 {
        assert!(
            r < self.rows && c < self.cols,
            "{}[{r}][{c}] outside",
            self.name
        );
        self.base + ((r << self.shift) + c) as u16
    }
    /// `(row, col)` of `addr` if it hits this window's matrix.
    pub fn decode(&self, addr: u16) -> Option<(usize, usize)> {
        let a = addr as usize;
        let b = self.base as usize;
        if a < b || a >= b + self.size {
            return None;
        }
        let off = a - b;
        let (r, c) = (off >> self.shift, off & ((1 << self.shift) - 1));
        (r < self.rows && c < self.cols).then_some((r, c))
    }
}

/// The register map of a config.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegMap {
    pub windows: Vec<Window>,
}

impl RegMap {
    pub fn new(cfg: &Config) -> RegMap {
        let l = &cfg.model.layers;
        let b = cfg.train.batch_size;
        let mut shapes = vec![
            (WinKind::X, "X".to_string(), b, l[0]),
            (WinKind::Labels, "LABELS".to_string(), b, 1),
        ];
        for i in 0..l.len() - 1 {
            shapes.push((WinKind::W(i), format!("W{i}"), l[i] + 1, l[i + 1]));
            shapes.push((WinKind::V(i), format!("V{i}"), l[i] + 1, l[i + 1]));
        }
        let mut next = WINDOW_BASE as usize;
        let mut windows = Vec::new();
        for (kind, name, rows, cols) in shapes {
            let shift = cols.next_power_of_two().trailing_zeros();
            let size = (rows << shift).next_power_of_two();
            let base = next.div_ceil(size) * size;
            assert!(
                base + size <= 1 << 16,
                "window {name} ({rows}×{cols}) does not fit the 16-bit address space"
            );
            next = base + size;
            windows.push(Window {
                kind,
                name,
                base: base as u16,
                rows,
                cols,
                shift,
                size,
            });
        }
        RegMap { windows }
    }
    pub fn window(&self, kind: WinKind) -> &Window {
        self.windows
            .iter()
            .find(|w| w.kind == kind)
            .expect("window")
    }
    /// The map as JSON (the generate manifest's `register_map`): registers by name, windows with
    /// base, shape and row pitch.
    pub fn to_json(&self) -> serde_json::Value {
        let mut regs = serde_json::Map::new();
        for (n, a) in [
            ("CTRL", CTRL),
            ("STATUS", STATUS),
            ("BATCH", BATCH),
            ("ETA", ETA),
            ("MU", MU),
            ("ONE_MINUS_MU", ONE_MINUS_MU),
            ("TWO_LAMBDA", TWO_LAMBDA),
            ("LFSR_LO", LFSR_LO),
            ("LFSR_HI", LFSR_HI),
            ("CORRECT", CORRECT),
        ] {
            regs.insert(n.into(), a.into());
        }
        for (k, n) in SAT_NAMES.iter().enumerate() {
            regs.insert(format!("SAT_{n}_LO"), (SAT_BASE + 2 * k as u16).into());
            regs.insert(format!("SAT_{n}_HI"), (SAT_BASE + 2 * k as u16 + 1).into());
        }
        let windows: Vec<serde_json::Value> = self
            .windows
            .iter()
            .map(|w| {
                serde_json::json!({
                    "name": w.name,
                    "base": w.base,
                    "rows": w.rows,
                    "cols": w.cols,
                    "row_pitch": 1usize << w.shift,
                })
            })
            .collect();
        serde_json::json!({ "registers": regs, "windows": windows })
    }
    /// The map as a text table (registers and the config's windows).
    pub fn describe(&self) -> String {
        let mut s = String::from("addr    name           access  meaning\n");
        let regs = [
            (CTRL, "CTRL", "W", "bit 0: start one training step"),
            (STATUS, "STATUS", "R", "bit 0 busy, bit 1 done"),
            (BATCH, "BATCH", "RW", "samples in this step"),
            (ETA, "ETA", "RW", "eta register"),
            (MU, "MU", "RW", "mu register"),
            (ONE_MINUS_MU, "ONE_MINUS_MU", "RW", "1-mu (EMA form)"),
            (TWO_LAMBDA, "TWO_LAMBDA", "RW", "weight-decay register"),
            (LFSR_LO, "LFSR_LO", "RW", "LFSR state bits 15:0"),
            (
                LFSR_HI,
                "LFSR_HI",
                "RW",
                "LFSR state bits 31:16 (write loads)",
            ),
            (
                CORRECT,
                "CORRECT",
                "R",
                "correct predictions of the last step",
            ),
        ];
        for (a, n, acc, m) in regs {
            s += &format!("0x{a:04X}  {n:<14} {acc:<7} {m}\n");
        }
        for (k, n) in SAT_NAMES.iter().enumerate() {
            let a = SAT_BASE + 2 * k as u16;
            let name = format!("SAT_{n}_LO/HI");
            s += &format!("0x{a:04X}  {name:<14} R       saturation counter (32 bit)\n");
        }
        for w in &self.windows {
            s += &format!(
                "0x{:04X}  {:<14} RW      {}×{} window, element (r,c) at base + r·{} + c\n",
                w.base,
                w.name,
                w.rows,
                w.cols,
                1usize << w.shift
            );
        }
        s
    }
}

/// The register file block (see the module doc).
#[derive(LogicBlock)]
pub struct RegFile {
    pub clock: Signal<In, Clock>,
    // ---- host bus
    pub addr: Signal<In, Bits<16>>,
    pub wdata: Signal<In, Bits<16>>,
    pub we: Signal<In, Bit>,
    pub re: Signal<In, Bit>,
    pub rdata: Signal<Out, Bits<16>>,
    // ---- engine status in
    pub busy: Signal<In, Bit>,
    pub done: Signal<In, Bit>,
    pub correct: Signal<In, Bits<16>>,
    /// Saturation counters (acc, act, err, mom, weight).
    pub sat: Vec<Signal<In, Bits<32>>>,
    pub lfsr_state: Signal<In, Bits<32>>,
    // ---- registers out
    pub start: Signal<Out, Bit>,
    pub batch: Signal<Out, Bits<16>>,
    pub eta: Signal<Out, Bits<16>>,
    pub mu: Signal<Out, Bits<16>>,
    pub one_minus_mu: Signal<Out, Bits<16>>,
    pub two_lambda: Signal<Out, Bits<16>>,
    /// One-cycle pulse: load the LFSR with `lfsr_seed`.
    pub lfsr_load: Signal<Out, Bit>,
    pub lfsr_seed: Signal<Out, Bits<32>>,
    pub labels: Vec<Signal<Out, Bits<16>>>,
    // ---- window port (combinational from the bus; the engine routes it to a word port)
    pub win_en: Signal<Out, Bit>,
    pub win_we: Signal<Out, Bit>,
    /// Window index into [`RegMap::windows`].
    pub win_idx: Signal<Out, Bits<8>>,
    pub win_row: Signal<Out, Bits<16>>,
    pub win_col: Signal<Out, Bits<16>>,
    pub win_wdata: Signal<Out, Bits<16>>,
    /// Window read last cycle: its index + 1 (0 = none); the engine returns that memory's word.
    pub win_sel_q: Signal<Out, Bits<8>>,
    /// The word read through the window (the selected memory's `word_rdata`).
    pub win_rdata: Signal<In, Bits<16>>,
    _map: RegMap,
    _regs: [u16; 16],
    _labels: Vec<u16>,
    _start: bool,
    _load: bool,
    _rd_q: Option<u16>,
    _win_sel: u8,
}

impl RegFile {
    pub fn new(cfg: &Config) -> RegFile {
        let map = RegMap::new(cfg);
        let b = cfg.train.batch_size;
        assert!((1..1 << 16).contains(&b), "batch {b}");
        assert!(
            map.windows.len() < 255,
            "too many windows for the 8-bit index"
        );
        let mut regs = [0u16; 16];
        regs[BATCH as usize] = b as u16;
        RegFile {
            clock: Default::default(),
            addr: Default::default(),
            wdata: Default::default(),
            we: Default::default(),
            re: Default::default(),
            rdata: Default::default(),
            busy: Default::default(),
            done: Default::default(),
            correct: Default::default(),
            sat: (0..5).map(|_| Default::default()).collect(),
            lfsr_state: Default::default(),
            start: Default::default(),
            batch: Default::default(),
            eta: Default::default(),
            mu: Default::default(),
            one_minus_mu: Default::default(),
            two_lambda: Default::default(),
            lfsr_load: Default::default(),
            lfsr_seed: Default::default(),
            labels: (0..b).map(|_| Default::default()).collect(),
            win_en: Default::default(),
            win_we: Default::default(),
            win_idx: Default::default(),
            win_row: Default::default(),
            win_col: Default::default(),
            win_wdata: Default::default(),
            win_sel_q: Default::default(),
            win_rdata: Default::default(),
            _map: map,
            _regs: regs,
            _labels: vec![0; b],
            _start: false,
            _load: false,
            _rd_q: None,
            _win_sel: 0,
        }
    }
    pub fn map(&self) -> &RegMap {
        &self._map
    }
    fn reg_read(&self, a: u16) -> u16 {
        let sat = |k: usize| self.sat[k].val().index() as u32;
        let lfsr = self.lfsr_state.val().index() as u32;
        match a {
            STATUS => self.busy.val() as u16 | (self.done.val() as u16) << 1,
            BATCH | ETA | MU | ONE_MINUS_MU | TWO_LAMBDA => self._regs[a as usize],
            LFSR_LO => lfsr as u16,
            LFSR_HI => (lfsr >> 16) as u16,
            CORRECT => self.correct.val().index() as u16,
            a if (SAT_BASE..SAT_BASE + 10).contains(&a) => {
                let k = (a - SAT_BASE) as usize;
                (sat(k / 2) >> (16 * (k % 2))) as u16
            }
            _ => 0,
        }
    }
}

impl Logic for RegFile {
    fn update(&mut self) {
        let addr = self.addr.val().index() as u16;
        let win = if addr >= WINDOW_BASE {
            self._map
                .windows
                .iter()
                .enumerate()
                .find_map(|(i, w)| w.decode(addr).map(|rc| (i, rc)))
        } else {
            None
        };
        if self.clock.pos_edge() {
            let (we, re) = (self.we.val(), self.re.val());
            let wd = self.wdata.val().index() as u16;
            self._start = false;
            self._load = false;
            if we {
                match (addr, win) {
                    (CTRL, _) => self._start = wd & 1 == 1,
                    (BATCH | ETA | MU | ONE_MINUS_MU | TWO_LAMBDA | LFSR_LO, _) => {
                        self._regs[addr as usize] = wd
                    }
                    (LFSR_HI, _) => {
                        self._regs[LFSR_HI as usize] = wd;
                        self._load = true;
                    }
                    (_, Some((i, (r, _)))) if self._map.windows[i].kind == WinKind::Labels => {
                        self._labels[r] = wd
                    }
                    _ => {}
                }
            }
            self._rd_q = None;
            self._win_sel = 0;
            if re && !we {
                match win {
                    Some((i, (r, _))) if self._map.windows[i].kind == WinKind::Labels => {
                        self._rd_q = Some(self._labels[r])
                    }
                    Some((i, _)) => self._win_sel = i as u8 + 1,
                    None => self._rd_q = Some(self.reg_read(addr)),
                }
            }
        }
        // Registered outputs.
        self.start.next = self._start;
        self.lfsr_load.next = self._load;
        let r = |a: u16| Bits::<16>::from(self._regs[a as usize] as u64);
        self.batch.next = r(BATCH);
        self.eta.next = r(ETA);
        self.mu.next = r(MU);
        self.one_minus_mu.next = r(ONE_MINUS_MU);
        self.two_lambda.next = r(TWO_LAMBDA);
        self.lfsr_seed.next = Bits::<32>::from(
            (self._regs[LFSR_HI as usize] as u64) << 16 | self._regs[LFSR_LO as usize] as u64,
        );
        for (s, &v) in self.labels.iter_mut().zip(&self._labels) {
            s.next = Bits::<16>::from(v as u64);
        }
        self.win_sel_q.next = Bits::<8>::from(self._win_sel as u64);
        self.rdata.next = if self._win_sel != 0 {
            self.win_rdata.val()
        } else {
            Bits::<16>::from(self._rd_q.unwrap_or(0) as u64)
        };
        // Combinational window port.
        let mut en = false;
        let (mut idx, mut row, mut col) = (0usize, 0usize, 0usize);
        if let Some((i, (r, c))) = win {
            if self._map.windows[i].kind != WinKind::Labels && (self.we.val() || self.re.val()) {
                en = true;
                (idx, row, col) = (i, r, c);
            }
        }
        self.win_en.next = en;
        self.win_we.next = en && self.we.val();
        self.win_idx.next = Bits::<8>::from(idx as u64);
        self.win_row.next = Bits::<16>::from(row as u64);
        self.win_col.next = Bits::<16>::from(col as u64);
        self.win_wdata.next = self.wdata.val();
    }
    fn connect(&mut self) {
        self.rdata.connect();
        self.start.connect();
        self.batch.connect();
        self.eta.connect();
        self.mu.connect();
        self.one_minus_mu.connect();
        self.two_lambda.connect();
        self.lfsr_load.connect();
        self.lfsr_seed.connect();
        for l in &mut self.labels {
            l.connect();
        }
        self.win_en.connect();
        self.win_we.connect();
        self.win_idx.connect();
        self.win_row.connect();
        self.win_col.connect();
        self.win_wdata.connect();
        self.win_sel_q.connect();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_map_windows_are_disjoint_and_aligned() {
        let cfg = Config::default();
        let m = RegMap::new(&cfg);
        assert_eq!(m.windows.len(), 2 + 2 * (cfg.model.layers.len() - 1));
        for (i, w) in m.windows.iter().enumerate() {
            assert_eq!(w.base as usize % w.size, 0, "{} aligned", w.name);
            assert!(w.base >= WINDOW_BASE);
            for v in &m.windows[i + 1..] {
                assert!(
                    w.base as usize + w.size <= v.base as usize,
                    "{} / {}",
                    w.name,
                    v.name
                );
            }
            let a = w.addr(w.rows - 1, w.cols - 1);
            assert_eq!(w.decode(a), Some((w.rows - 1, w.cols - 1)));
        }
        assert!(m.describe().contains("W0"));
        let j = m.to_json();
        assert_eq!(j["registers"]["LFSR_HI"], 8);
        assert_eq!(j["windows"][0]["name"], "X");
    }

    #[test]
    #[ignore = "prints the default register map (docs/ENGINE.md)"]
    fn print_default_map() {
        println!("{}", RegMap::new(&Config::default()).describe());
    }

    /// The block alone: register writes and reads (latency 1), the start and LFSR-load pulses, labels,
    /// and the window port decode.
    #[test]
    fn block_registers_pulses_and_window_decode() {
        let mut cfg = Config::default();
        cfg.train.batch_size = 4;
        let mut rf = RegFile::new(&cfg);
        rf.connect_all();
        let map = rf.map().clone();
        let tick = |rf: &mut RegFile, a: u16, d: u16, we: bool, re: bool| {
            crate::hw::cycle(
                rf,
                |r| &mut r.clock,
                |r| {
                    r.addr.next = (a as u64).into();
                    r.wdata.next = (d as u64).into();
                    r.we.next = we;
                    r.re.next = re;
                },
                |r| {
                    (
                        r.rdata.val().index() as u16,
                        r.start.val(),
                        r.lfsr_load.val(),
                        r.win_en.val(),
                        r.win_idx.val().index(),
                        r.win_row.val().index(),
                        r.win_col.val().index(),
                    )
                },
            )
        };
        tick(&mut rf, ETA, 0x1234, true, false);
        tick(&mut rf, ETA, 0, false, true);
        assert_eq!(tick(&mut rf, 0, 0, false, false).0, 0x1234);
        tick(&mut rf, CTRL, 1, true, false);
        assert!(tick(&mut rf, 0, 0, false, false).1, "start pulse");
        assert!(!tick(&mut rf, 0, 0, false, false).1, "one cycle only");
        tick(&mut rf, LFSR_LO, 0xbeef, true, false);
        tick(&mut rf, LFSR_HI, 0xdead, true, false);
        assert!(tick(&mut rf, 0, 0, false, false).2, "load pulse");
        assert_eq!(rf.lfsr_seed.val().index(), 0xdead_beef);
        let lab = map.window(WinKind::Labels).addr(2, 0);
        tick(&mut rf, lab, 7, true, false);
        tick(&mut rf, 0, 0, false, false);
        assert_eq!(rf.labels[2].val().index(), 7);
        tick(&mut rf, lab, 0, false, true);
        assert_eq!(tick(&mut rf, 0, 0, false, false).0, 7);
        let w = map.window(WinKind::W(1));
        let a = w.addr(3, 5);
        let (_, _, _, en, idx, row, col) = tick(&mut rf, a, 0, false, true);
        assert!(en);
        assert_eq!((map.windows[idx].kind, row, col), (WinKind::W(1), 3, 5));
        // A padding address of a window (column past the matrix) is no access.
        let pad = w.base + (1 << w.shift) - 1;
        assert!(!tick(&mut rf, pad, 0, false, true).3);
    }
}
