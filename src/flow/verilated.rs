//! Drive any emitted design from Rust, cycle by cycle, through Verilator: the fast simulator behind
//! `mlp-rtl train --engine verilator` (issue 7) and `mlp-rtl bench --verilator`.
//!
//! # Design
//! [`VerilatedDesign::build`] takes emitted Verilog files and a top module, reads the top's ports
//! from its header ([`verilog::ports`], rust-hdl's `input wire signed [15:0] a_in$0;` style; every
//! port ≤ 64 bits), verilates the design (`verilator --cc --exe -O3`), checks the C++ member name of
//! every port in the generated `V<top>.h`, writes a small C++ shim ([`shim_cpp`]) with `extern "C"`
//! functions (create/destroy, set/get port *i* as `u64`, `step(n)`, a batched [`Script`] run and
//! `run_until`), and links it with the model and Verilator's runtime into one shared library
//! (`-shared`, only the `mlpvl_*` symbols exported, so several designs load side by side). The
//! library is loaded with `libloading` (dlopen); [`VerilatedDesign::instantiate`] gives a [`Sim`].
//!
//! # Why a dlopen'ed shared library (and not a pipe process or `marlin`)
//! - A call into the loaded library costs nanoseconds; a round trip through a pipe to a child
//!   process costs ~5 µs here (measured: 8-byte ping-pong between two processes, 5.35 µs). The
//!   engine driver talks to the engine through its host bus one word at a time (a write is one
//!   cycle), so a pipe would cap it at ~200 k bus cycles/s — barely above rust-hdl — while the
//!   in-process call keeps the per-cycle cost at Verilator's own `eval()` time. The batched
//!   [`Script`] and [`Sim::run_until`] remove even the FFI call per cycle for the bulk of the work.
//! - A crash inside the model (a Verilator `$stop`/fatal) takes the process down, where a pipe
//!   would isolate it; rust-hdl's emitted Verilog has no `$stop`/`$finish`, so that trade is cheap.
//! - `marlin` (crates.io) also dlopens Verilator models, but declares a model's ports at compile
//!   time with a proc macro on a struct (our ports depend on the config: array shape, lanes), calls
//!   across FFI once per pin access with no batched cycle loop, brings its own build/cache rules and
//!   a larger dependency tree, and is not known to work with Debian's Verilator 5.006 (the version
//!   CI installs); the shim here is ~100 lines of generated C++ under our control.
//!
//! # Cycle semantics (the same as [`crate::hw::cycle`] and the harness testbenches)
//! A fresh [`Sim`] has run Verilog's `initial` blocks (every register 0), clock low, all inputs 0,
//! no edge yet. One *cycle* is: clock falls together with the new inputs, the model settles, outputs
//! are sampled, clock rises, the model settles. Between calls the clock is high (after the rising
//! edge's settle), as rust-hdl's hand-driven loop leaves it.
//! - [`Sim::set`] writes an input now; it is seen by the next settle: at the next cycle's falling
//!   edge, or at once by a [`Sim::get`] (which settles pending input changes without a clock edge).
//! - [`Sim::get`] reads a port in the current (settled) state: after [`Sim::step`] that is the state
//!   after the last rising edge.
//! - [`Sim::step`]`(n)`: `n` cycles with the inputs as they are.
//! - [`Sim::run_script`]: per row one cycle whose falling edge applies that row's inputs and whose
//!   outputs are sampled before the rising edge — exactly one `hw::cycle(set, get)` per row.
//! - [`Sim::run_until`]: cycles until an output equals a value (checked before each cycle, in the
//!   settled state), at most `max`.
//!
//! # Cache
//! Built libraries live in `target/verilated/<key>/` (`CARGO_TARGET_DIR` respected), where `<key>`
//! is a SHA-256 over the shim version, `verilator --version`, `g++ --version`, the build flags, the
//! top and clock names, the waivers and every Verilog file's name and text. A second build of the
//! same design is a cache hit (no tool runs: [`VerilatedDesign::cache_hit`]); any change of those
//! inputs builds into a new directory. Builds in one process are serialized; concurrent processes
//! build into private temporary directories and publish with an atomic rename.
//!
//! # Tools
//! `verilator`, `make` and `g++`; a missing one is an error naming `bash scripts/install-tools.sh`.
//!
//! # How the engine driver plugs in (`train --engine verilator`)
//! [`crate::hw::host::HostBus`] is the host's view of an engine, implemented by the rust-hdl
//! `EngineSim` and by [`crate::hw::host::VerilatorEngine`] (a [`Sim`] of the emitted `engine.v`):
//! a block of bus writes (weights, a batch with its registers and CTRL) is ONE [`Sim::run_script`]
//! call, a block of reads one script sampling `rdata` (two more rows for the read latency), and a
//! step's busy cycles one [`Sim::run_until`] on the `done` port. Port indices are looked up once.
//! Measured on the default engine: the model's own evaluation is ~80 % of the CPU time of
//! `train --engine verilator` (perf), the host side (scripts, golden, accuracies) the rest.

use super::verilog::{self, Dir, VPort};
use crate::hw::harness::{self, Vectors};
use anyhow::{anyhow, bail, Context, Result};
use std::ffi::{c_void, OsString};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::ptr::NonNull;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Version of the shim's C ABI and semantics; part of the cache key (bump on any change of
/// [`shim_cpp`] or of how the library is built).
pub const SHIM_VERSION: u32 = 1;

/// The shared library's file name inside a cache directory.
const LIB: &str = "libmlpvl.so";

/// Options of [`VerilatedDesign::build`].
#[derive(Debug, Clone)]
pub struct BuildOpts {
    /// The clock input toggled by `step` (`clock` in rust-hdl); `None`: a design without clock
    /// (a cycle is then only a settle).
    pub clock: Option<String>,
    /// Verilator configuration file (lint waivers) passed along; default: the project's
    /// `testbenches/verilator_waivers.vlt`.
    pub waivers: Option<PathBuf>,
    /// Cache root; default `target/verilated`.
    pub cache_dir: PathBuf,
    /// Parallel C++ compile jobs (`make -j`).
    pub jobs: usize,
    /// `PATH` for the tools (`None`: inherited). Tests use it to hide the tools.
    pub path_env: Option<OsString>,
    /// Wall-clock limit of each tool run.
    pub timeout: Duration,
}

impl Default for BuildOpts {
    fn default() -> Self {
        BuildOpts {
            clock: Some("clock".to_string()),
            waivers: Some(harness::waivers()),
            cache_dir: harness::target_dir().join("verilated"),
            jobs: 2,
            path_env: None,
            timeout: Duration::from_secs(1800),
        }
    }
}

/// Verilator switches (part of the cache key).
const VERILATOR_FLAGS: &[&str] = &["--cc", "--exe", "-O3", "-Wno-fatal", "-CFLAGS", "-fPIC"];
/// `make` variables of Verilator's makefile: the C++ optimization levels (Verilator 5.006 defaults
/// to `-Os`; `-O2` on the model and runtime is ~1.5× faster here).
const MAKE_VARS: &[&str] = &["OPT_FAST=-O2", "OPT_SLOW=-O1", "OPT_GLOBAL=-O2"];

/// Libraries built (tools run) by this process: cache hits do not count.
static BUILDS: AtomicUsize = AtomicUsize::new(0);
/// One build at a time in this process (the machine's cores are shared; two tests building the
/// same design then see one build and one cache hit).
static BUILD_LOCK: Mutex<()> = Mutex::new(());

/// Number of libraries this process has compiled (cache hits excluded).
pub fn builds() -> usize {
    BUILDS.load(Ordering::SeqCst)
}

/// The C functions of one loaded library. The function pointers stay valid as long as `_lib` is
/// loaded, and it is never unloaded before this struct drops (every [`Sim`] holds an `Arc` of it).
struct Api {
    new: unsafe extern "C" fn() -> *mut c_void,
    free: unsafe extern "C" fn(*mut c_void),
    set: unsafe extern "C" fn(*mut c_void, u32, u64),
    get: unsafe extern "C" fn(*mut c_void, u32) -> u64,
    step: unsafe extern "C" fn(*mut c_void, u64),
    #[allow(clippy::type_complexity)]
    cycles: unsafe extern "C" fn(
        *mut c_void,
        u64,
        u32,
        *const u32,
        *const u64,
        u32,
        *const u32,
        *mut u64,
    ),
    until: unsafe extern "C" fn(*mut c_void, u32, u64, u64) -> u64,
    _lib: libloading::Library,
}

/// A design built into a loaded shared library; [`VerilatedDesign::instantiate`] makes simulators.
pub struct VerilatedDesign {
    top: String,
    ports: Arc<[VPort]>,
    clock: Option<usize>,
    dir: PathBuf,
    cache_hit: bool,
    api: Arc<Api>,
}

impl std::fmt::Debug for VerilatedDesign {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("VerilatedDesign")
            .field("top", &self.top)
            .field("ports", &self.ports.len())
            .field("dir", &self.dir)
            .field("cache_hit", &self.cache_hit)
            .finish()
    }
}

impl VerilatedDesign {
    /// Build (or take from the cache) and load the design made of `files` with top module `top`.
    pub fn build(files: &[impl AsRef<Path>], top: &str, opts: &BuildOpts) -> Result<Self> {
        if files.is_empty() {
            bail!("verilated `{top}`: no Verilog files");
        }
        let mut sources = Vec::new();
        for f in files {
            let f = f.as_ref();
            let text = std::fs::read_to_string(f)
                .with_context(|| format!("verilated `{top}`: reading {}", f.display()))?;
            sources.push((f.to_path_buf(), text));
        }
        let ports = sources
            .iter()
            .find_map(|(_, t)| verilog::ports(t, top))
            .ok_or_else(|| anyhow!("verilated: module `{top}(` not found in the given files"))?;
        for p in &ports {
            if p.dir == Dir::Inout {
                bail!(
                    "verilated `{top}`: inout port `{}` is not supported",
                    p.name
                );
            }
            if p.bits == 0 || p.bits > 64 {
                bail!(
                    "verilated `{top}`: port `{}` is {} bits; the binding supports 1..=64",
                    p.name,
                    p.bits
                );
            }
        }
        let clock = match &opts.clock {
            None => None,
            Some(c) => {
                let k = ports
                    .iter()
                    .position(|p| &p.name == c)
                    .ok_or_else(|| anyhow!("verilated `{top}`: no clock port `{c}`"))?;
                if ports[k].dir != Dir::Input || ports[k].bits != 1 {
                    bail!("verilated `{top}`: clock `{c}` must be a 1-bit input");
                }
                Some(k)
            }
        };

        let tools = tool_versions(opts)?;
        let waivers = match &opts.waivers {
            Some(w) => Some((
                w.clone(),
                std::fs::read_to_string(w)
                    .with_context(|| format!("reading waivers {}", w.display()))?,
            )),
            None => None,
        };
        let hash = cache_key(
            &tools,
            top,
            opts.clock.as_deref(),
            waivers.as_ref().map(|(_, w)| w.as_str()),
            &sources,
        );
        let dir = opts.cache_dir.join(format!("{top}-{hash}"));

        // A hit never waits for another build; a miss takes the lock and looks again.
        let mut cache_hit = dir.join(LIB).is_file();
        if !cache_hit {
            let _guard = BUILD_LOCK.lock().unwrap_or_else(|e| e.into_inner());
            cache_hit = dir.join(LIB).is_file();
            if !cache_hit {
                build_into(&dir, &sources, top, &ports, clock, waivers.as_ref(), opts)?;
                BUILDS.fetch_add(1, Ordering::SeqCst);
            }
        }
        let api = load(&dir.join(LIB), ports.len())?;
        Ok(VerilatedDesign {
            top: top.to_string(),
            ports: ports.into(),
            clock,
            dir,
            cache_hit,
            api: Arc::new(api),
        })
    }

    /// Build from Verilog text (e.g. [`crate::hw::harness::emitted`]): the text is written to
    /// `<cache>/src/<top>-<hash>/units/<top>.v` (the waivers match `units/` paths) and built.
    pub fn build_verilog(text: &str, top: &str, opts: &BuildOpts) -> Result<Self> {
        Self::build_text(text, &format!("units/{top}.v"), top, opts)
    }

    /// Build from Verilog text written to `<cache>/src/<top>-<hash>/<rel_path>` (e.g. the
    /// `path` of a [`super::Source`], so the waivers' file patterns apply as in `generate`'s tree).
    pub fn build_text(text: &str, rel_path: &str, top: &str, opts: &BuildOpts) -> Result<Self> {
        let h = &super::generate::sha256_hex(text.as_bytes())[..16];
        let f = opts
            .cache_dir
            .join("src")
            .join(format!("{top}-{h}"))
            .join(rel_path);
        let d = f
            .parent()
            .ok_or_else(|| anyhow!("verilated `{top}`: bad path {rel_path}"))?
            .to_path_buf();
        if std::fs::read_to_string(&f).ok().as_deref() != Some(text) {
            std::fs::create_dir_all(&d).with_context(|| format!("creating {}", d.display()))?;
            let tmp = d.join(format!(".{top}.v.{}", std::process::id()));
            std::fs::write(&tmp, text).with_context(|| format!("writing {}", tmp.display()))?;
            std::fs::rename(&tmp, &f).with_context(|| format!("writing {}", f.display()))?;
        }
        Self::build(&[f], top, opts)
    }

    pub fn top(&self) -> &str {
        &self.top
    }

    /// The top's ports in header order; a port's index here is its index in every [`Sim`] call.
    pub fn ports(&self) -> &[VPort] {
        &self.ports
    }

    /// Index of the port called `name`.
    pub fn port(&self, name: &str) -> Result<usize> {
        self.ports
            .iter()
            .position(|p| p.name == name)
            .ok_or_else(|| anyhow!("`{}` has no port `{name}`", self.top))
    }

    /// The clock port's index (if the design has one).
    pub fn clock(&self) -> Option<usize> {
        self.clock
    }

    /// The cache directory of this build (library, shim, logs).
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Whether [`VerilatedDesign::build`] found the library in the cache (no tool ran).
    pub fn cache_hit(&self) -> bool {
        self.cache_hit
    }

    /// A fresh simulator: `initial` blocks run, every input 0, clock low, no edge yet.
    pub fn instantiate(&self) -> Result<Sim> {
        // SAFETY: `new` is the shim's `mlpvl_new` (signature checked by the shim version); it
        // returns a heap object or null on a C++ exception and has no other precondition.
        let p = unsafe { (self.api.new)() };
        let ptr = NonNull::new(p)
            .ok_or_else(|| anyhow!("verilated `{}`: model construction failed", self.top))?;
        Ok(Sim {
            api: self.api.clone(),
            ptr,
            ports: self.ports.clone(),
            clock: self.clock,
            cycles: 0,
        })
    }
}

/// A batch of cycles for [`Sim::run_script`]: fixed lists of inputs set and outputs sampled in every
/// cycle, and one row of input values per cycle.
#[derive(Debug, Clone, Default)]
pub struct Script {
    set: Vec<u32>,
    get: Vec<u32>,
    inputs: Vec<u64>,
    rows: usize,
}

impl Script {
    /// A script setting ports `set` and sampling ports `get` (indices into [`VerilatedDesign::ports`])
    /// in every cycle.
    pub fn new(set: &[usize], get: &[usize]) -> Script {
        Script {
            set: set.iter().map(|&i| i as u32).collect(),
            get: get.iter().map(|&i| i as u32).collect(),
            inputs: Vec::new(),
            rows: 0,
        }
    }

    /// Append one cycle; `row` gives the values of the `set` ports in order.
    pub fn push(&mut self, row: &[u64]) {
        assert_eq!(row.len(), self.set.len(), "one value per set port");
        self.inputs.extend_from_slice(row);
        self.rows += 1;
    }

    /// Remove every row (keep the port lists and the allocation).
    pub fn clear(&mut self) {
        self.inputs.clear();
        self.rows = 0;
    }

    /// Cycles in the script.
    pub fn rows(&self) -> usize {
        self.rows
    }

    pub fn is_empty(&self) -> bool {
        self.rows == 0
    }

    /// Outputs sampled per row.
    pub fn width(&self) -> usize {
        self.get.len()
    }
}

/// One simulation of a [`VerilatedDesign`]. Not `Sync`: one thread drives it (it may move between
/// threads).
pub struct Sim {
    api: Arc<Api>,
    ptr: NonNull<c_void>,
    ports: Arc<[VPort]>,
    clock: Option<usize>,
    cycles: u64,
}

// SAFETY: the model is a plain heap object (single-threaded Verilator model, its own
// VerilatedContext, no thread pool since no `--threads`) owned by this `Sim` alone; moving it to
// another thread and driving it there is fine. It is not `Sync`: `&Sim` exposes no calls.
unsafe impl Send for Sim {}

impl Drop for Sim {
    fn drop(&mut self) {
        // SAFETY: `ptr` came from `mlpvl_new` of this library (kept loaded by `api`) and is freed
        // exactly once, here.
        unsafe { (self.api.free)(self.ptr.as_ptr()) }
    }
}

impl Sim {
    pub fn ports(&self) -> &[VPort] {
        &self.ports
    }

    /// Rising clock edges so far.
    pub fn cycles(&self) -> u64 {
        self.cycles
    }

    fn check_input(&self, port: usize) {
        let p = self
            .ports
            .get(port)
            .unwrap_or_else(|| panic!("port index {port} out of range"));
        assert!(
            p.dir == Dir::Input && Some(port) != self.clock,
            "port `{}` is not a settable input (outputs and the clock are not)",
            p.name
        );
    }

    fn check_port(&self, port: usize) {
        assert!(port < self.ports.len(), "port index {port} out of range");
    }

    /// Set input `port` (masked to its width); seen at the next settle (see the module doc).
    pub fn set(&mut self, port: usize, value: u64) {
        self.check_input(port);
        // SAFETY: live model pointer; `port` is a valid input index (checked above).
        unsafe { (self.api.set)(self.ptr.as_ptr(), port as u32, value) }
    }

    /// Read `port` (zero-extended) in the settled current state.
    pub fn get(&mut self, port: usize) -> u64 {
        self.check_port(port);
        // SAFETY: live model pointer; `port` is a valid index (checked above).
        unsafe { (self.api.get)(self.ptr.as_ptr(), port as u32) }
    }

    /// `get` sign-extended from the port's width.
    pub fn get_signed(&mut self, port: usize) -> i64 {
        let b = self.ports[port].bits;
        let v = self.get(port);
        ((v << (64 - b)) as i64) >> (64 - b)
    }

    /// `n` clock cycles with the inputs as they are.
    pub fn step(&mut self, n: u64) {
        // SAFETY: live model pointer; no other precondition.
        unsafe { (self.api.step)(self.ptr.as_ptr(), n) }
        self.cycles += n;
    }

    /// One cycle per script row (inputs on the falling edge, outputs sampled before the rising
    /// edge); returns the samples, `script.width()` per row, row after row.
    pub fn run_script(&mut self, script: &Script) -> Vec<u64> {
        let mut out = Vec::new();
        self.run_script_into(script, &mut out);
        out
    }

    /// [`Sim::run_script`] into a reused buffer (cleared first).
    pub fn run_script_into(&mut self, script: &Script, out: &mut Vec<u64>) {
        for &i in &script.set {
            self.check_input(i as usize);
        }
        for &i in &script.get {
            self.check_port(i as usize);
        }
        let rows = script.rows();
        out.clear();
        out.resize(rows * script.get.len(), 0);
        // SAFETY: live model pointer; port indices checked above; `inputs` holds `rows × set.len()`
        // values and `out` has room for `rows × get.len()` (resized above); the shim reads and
        // writes exactly those ranges and keeps no pointer after returning.
        unsafe {
            (self.api.cycles)(
                self.ptr.as_ptr(),
                rows as u64,
                script.set.len() as u32,
                script.set.as_ptr(),
                script.inputs.as_ptr(),
                script.get.len() as u32,
                script.get.as_ptr(),
                out.as_mut_ptr(),
            )
        }
        self.cycles += rows as u64;
    }

    /// Cycle (inputs as they are) until output `port` equals `value`, checking before each cycle;
    /// `Some(cycles run)` (0 if it already does), `None` if `max` cycles did not get there.
    pub fn run_until(&mut self, port: usize, value: u64, max: u64) -> Option<u64> {
        self.check_port(port);
        // SAFETY: live model pointer; `port` checked above.
        let n = unsafe { (self.api.until)(self.ptr.as_ptr(), port as u32, value, max) };
        self.cycles += n;
        (self.get(port) == value).then_some(n)
    }
}

/// The fourth execution of a harness unit: run `v`'s stimulus through `sim` with the harness's
/// timing (one leading cycle with all-zero inputs, then one cycle per vector) and return the sampled
/// outputs in `v.outputs` order, one row per vector — for [`harness::compare`].
pub fn run_vectors(design: &VerilatedDesign, sim: &mut Sim, v: &Vectors) -> Result<Vec<Vec<u64>>> {
    let set: Vec<usize> = v
        .inputs
        .iter()
        .map(|p| design.port(&p.name))
        .collect::<Result<_>>()?;
    let get: Vec<usize> = v
        .outputs
        .iter()
        .map(|p| design.port(&p.name))
        .collect::<Result<_>>()?;
    let mut s = Script::new(&set, &get);
    s.push(&vec![0; set.len()]);
    for vec in &v.vectors {
        s.push(&vec.inputs);
    }
    let out = sim.run_script(&s);
    if get.is_empty() {
        return Ok(vec![Vec::new(); v.len()]);
    }
    Ok(out.chunks(get.len()).skip(1).map(<[u64]>::to_vec).collect())
}

// ---------------------------------------------------------------------------------------------
// Building

/// The cache key of a build: SHA-256 (24 hex digits) over everything the library depends on.
fn cache_key(
    tools: &str,
    top: &str,
    clock: Option<&str>,
    waivers: Option<&str>,
    sources: &[(PathBuf, String)],
) -> String {
    let mut key = format!(
        "mlpvl shim {SHIM_VERSION}\n{tools}\nflags {VERILATOR_FLAGS:?} {MAKE_VARS:?}\n\
         top {top}\nclock {clock:?}\n"
    );
    if let Some(w) = waivers {
        key.push_str(&format!("waivers {}\n{w}\n", w.len()));
    }
    for (p, t) in sources {
        let name = p
            .file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default();
        key.push_str(&format!("file {name} {}\n{t}\n", t.len()));
    }
    super::generate::sha256_hex(key.as_bytes())[..24].to_string()
}

/// Run `prog --version` (through `opts.path_env`); its first line, or the install hint.
fn version_of(prog: &str, opts: &BuildOpts) -> Result<String> {
    let mut c = Command::new(prog);
    c.arg("--version");
    if let Some(p) = &opts.path_env {
        c.env("PATH", p);
    }
    let o = harness::run_tool(&mut c, "verilated build")?;
    harness::check_ok(&o, &format!("{prog} --version"))?;
    Ok(String::from_utf8_lossy(&o.stdout)
        .lines()
        .next()
        .unwrap_or("")
        .trim()
        .to_string())
}

/// Checks that `verilator`, `make` and `g++` run (through `opts.path_env`); a missing one is a
/// one-line error naming it and the install script.
pub fn check_tools(opts: &BuildOpts) -> Result<()> {
    tool_versions(opts).map(|_| ())
}

/// The tools' versions (one line each, part of the cache key); an error naming the install script
/// if one is missing.
fn tool_versions(opts: &BuildOpts) -> Result<String> {
    let v = version_of("verilator", opts)?;
    let make = version_of("make", opts)?;
    let cxx = version_of("g++", opts)?;
    Ok(format!("verilator {v}\nmake {make}\ng++ {cxx}"))
}

/// Verilator's C++ name of a Verilog identifier (`a_in$0` → `a_in__0240`): letters, digits and
/// single `_` stay, `__` becomes `___05F`, anything else `__0` + two hex digits.
pub fn verilated_name(name: &str) -> String {
    let b = name.as_bytes();
    let mut out = String::new();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if (i == 0 && c.is_ascii_alphabetic()) || (i > 0 && c.is_ascii_alphanumeric()) {
            out.push(c as char);
        } else if c == b'_' && i > 0 {
            if b.get(i + 1) == Some(&b'_') {
                out.push_str("___05F");
                i += 1;
            } else {
                out.push('_');
            }
        } else {
            out.push_str(&format!("__0{c:02x}"));
        }
        i += 1;
    }
    out
}

/// The port declarations of Verilator's model header: (C++ member name, bits).
fn header_ports(h: &str) -> Vec<(String, u32)> {
    h.lines()
        .filter_map(|l| {
            let t = l.trim();
            let rest = t
                .strip_prefix("VL_IN")
                .or_else(|| t.strip_prefix("VL_OUT"))?;
            let args = rest.split_once("(&")?.1.strip_suffix(");")?;
            let mut f = args.split(',');
            let name = f.next()?.trim().to_string();
            let msb: u32 = f.next()?.trim().parse().ok()?;
            let lsb: u32 = f.next()?.trim().parse().ok()?;
            Some((name, msb - lsb + 1))
        })
        .collect()
}

/// The shim's C++ source for `top` with these ports (`clock`: index of the clock port).
pub fn shim_cpp(top: &str, ports: &[VPort], clock: Option<usize>) -> String {
    let mut set_cases = String::new();
    let mut get_cases = String::new();
    for (i, p) in ports.iter().enumerate() {
        let m = verilated_name(&p.name);
        let mask = harness_mask(p.bits);
        let ty = match p.bits {
            0..=8 => "CData",
            9..=16 => "SData",
            17..=32 => "IData",
            _ => "QData",
        };
        if p.dir == Dir::Input && Some(i) != clock {
            set_cases.push_str(&format!(
                "    case {i}: s->m.{m} = ({ty})(v & {mask:#x}ULL); break;  // {}\n",
                p.name
            ));
        }
        get_cases.push_str(&format!(
            "    case {i}: return (uint64_t)s->m.{m} & {mask:#x}ULL;  // {}\n",
            p.name
        ));
    }
    let (low, high) = match clock {
        Some(k) => {
            let c = verilated_name(&ports[k].name);
            (format!("m.{c} = 0;"), format!("m.{c} = 1;"))
        }
        None => (String::new(), String::new()),
    };
    SHIM_TEMPLATE
        .replace("{{VERSION}}", &SHIM_VERSION.to_string())
        .replace("{{TOP}}", top)
        .replace("{{NPORTS}}", &ports.len().to_string())
        .replace("{{CLOCK_LOW}}", &low)
        .replace("{{CLOCK_HIGH}}", &high)
        .replace("{{SET_CASES}}", &set_cases)
        .replace("{{GET_CASES}}", &get_cases)
}

fn harness_mask(bits: u32) -> u64 {
    crate::hw::mask(bits)
}

/// The shim (see the module doc for the semantics each function implements).
const SHIM_TEMPLATE: &str = r#"// mlp-rtl Verilator shim v{{VERSION}} for top module `{{TOP}}` -- GENERATED by
// src/flow/verilated.rs (`shim_cpp`); the cycle semantics are documented there.
#include <cstdint>
#include "verilated.h"
#include "V{{TOP}}.h"

#define MLPVL_API extern "C" __attribute__((visibility("default")))

namespace {
struct Sim {
    VerilatedContext ctx;
    V{{TOP}} m;
    bool dirty;
    Sim() : ctx(), m(&ctx, "TOP"), dirty(false) {
        {{CLOCK_LOW}}
        m.eval();  // initial blocks; clock low, no edge
    }
    ~Sim() { m.final(); }
    inline void settle() {
        if (dirty) { m.eval(); dirty = false; }
    }
    inline void fall() { {{CLOCK_LOW}} }
    inline void rise() { {{CLOCK_HIGH}} m.eval(); dirty = false; }
};

inline void set_port(Sim* s, uint32_t i, uint64_t v) {
    switch (i) {
{{SET_CASES}}    default: break;
    }
}

inline uint64_t get_port(Sim* s, uint32_t i) {
    switch (i) {
{{GET_CASES}}    default: return 0;
    }
}
}  // namespace

MLPVL_API uint32_t mlpvl_version() { return {{VERSION}}; }
MLPVL_API uint32_t mlpvl_nports() { return {{NPORTS}}; }
MLPVL_API void* mlpvl_new() {
    try { return new Sim(); } catch (...) { return nullptr; }
}
MLPVL_API void mlpvl_free(void* p) { delete static_cast<Sim*>(p); }
MLPVL_API void mlpvl_set(void* p, uint32_t i, uint64_t v) {
    Sim* s = static_cast<Sim*>(p);
    set_port(s, i, v);
    s->dirty = true;
}
MLPVL_API uint64_t mlpvl_get(void* p, uint32_t i) {
    Sim* s = static_cast<Sim*>(p);
    s->settle();
    return get_port(s, i);
}
MLPVL_API void mlpvl_step(void* p, uint64_t n) {
    Sim* s = static_cast<Sim*>(p);
    for (uint64_t k = 0; k < n; ++k) {
        s->fall();
        s->m.eval();
        s->rise();
    }
}
MLPVL_API void mlpvl_cycles(void* p, uint64_t rows, uint32_t nset, const uint32_t* set_idx,
                            const uint64_t* in, uint32_t nget, const uint32_t* get_idx,
                            uint64_t* out) {
    Sim* s = static_cast<Sim*>(p);
    for (uint64_t r = 0; r < rows; ++r) {
        s->fall();
        const uint64_t* row = in + r * nset;
        for (uint32_t k = 0; k < nset; ++k) set_port(s, set_idx[k], row[k]);
        s->m.eval();
        uint64_t* o = out + r * nget;
        for (uint32_t k = 0; k < nget; ++k) o[k] = get_port(s, get_idx[k]);
        s->rise();
    }
}
MLPVL_API uint64_t mlpvl_run_until(void* p, uint32_t port, uint64_t value, uint64_t max) {
    Sim* s = static_cast<Sim*>(p);
    s->settle();
    uint64_t n = 0;
    while (n < max && get_port(s, port) != value) {
        s->fall();
        s->m.eval();
        s->rise();
        ++n;
    }
    return n;
}
"#;

/// Build the library for `sources` into `dir` (through a private temporary directory renamed into
/// place, so a half-built directory is never taken for a cache entry).
fn build_into(
    dir: &Path,
    sources: &[(PathBuf, String)],
    top: &str,
    ports: &[VPort],
    clock: Option<usize>,
    waivers: Option<&(PathBuf, String)>,
    opts: &BuildOpts,
) -> Result<()> {
    let t0 = Instant::now();
    let parent = dir.parent().expect("cache dir has a parent");
    std::fs::create_dir_all(parent).with_context(|| format!("creating {}", parent.display()))?;
    let tmp = parent.join(format!(
        ".tmp-{}-{}",
        dir.file_name().unwrap().to_string_lossy(),
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&tmp);
    std::fs::create_dir_all(&tmp).with_context(|| format!("creating {}", tmp.display()))?;
    let obj = tmp.join("obj");
    let shim = tmp.join("shim.cpp");
    let map = tmp.join("exports.map");
    std::fs::write(&map, "{ global: mlpvl_*; local: *; };\n")?;
    // Verilator wants the --exe source to exist; the real shim follows once the header is checked.
    std::fs::write(&shim, "// placeholder\n")?;

    let with_path = |c: &mut Command| {
        if let Some(p) = &opts.path_env {
            c.env("PATH", p);
        }
    };
    let mut c = Command::new("verilator");
    c.args(VERILATOR_FLAGS)
        .arg("-LDFLAGS")
        .arg(format!("-shared -Wl,--version-script={}", map.display()))
        .args(["--top-module", top, "--Mdir"])
        .arg(&obj)
        .args(["-o", LIB]);
    if let Some((w, _)) = waivers {
        c.arg(w);
    }
    for (f, _) in sources {
        c.arg(f);
    }
    c.arg(&shim);
    with_path(&mut c);
    let log = tmp.join("verilate.log");
    let st = harness::run_logged(&mut c, "verilator", &log, opts.timeout)?;
    if !st.success() {
        bail!(
            "verilating `{top}` failed ({st}; log {}):\n{}",
            log.display(),
            harness::tail(&std::fs::read_to_string(&log).unwrap_or_default())
        );
    }

    // Every port must be a member of the model class under the name the shim uses.
    let hpath = obj.join(format!("V{top}.h"));
    let h =
        std::fs::read_to_string(&hpath).with_context(|| format!("reading {}", hpath.display()))?;
    let members = header_ports(&h);
    for p in ports {
        let m = verilated_name(&p.name);
        match members.iter().find(|(n, _)| *n == m) {
            Some((_, b)) if *b == p.bits => {}
            Some((_, b)) => bail!(
                "verilated `{top}`: port `{}` is {} bits in the Verilog, {b} in {}",
                p.name,
                p.bits,
                hpath.display()
            ),
            None => bail!(
                "verilated `{top}`: port `{}` (C++ `{m}`) not found in {}",
                p.name,
                hpath.display()
            ),
        }
    }
    std::fs::write(&shim, shim_cpp(top, ports, clock))?;

    let mut c = Command::new("make");
    c.arg("-C")
        .arg(&obj)
        .args([
            "-f",
            &format!("V{top}.mk"),
            &format!("-j{}", opts.jobs.max(1)),
        ])
        .args(MAKE_VARS)
        .arg(LIB);
    with_path(&mut c);
    let log = tmp.join("make.log");
    let st = harness::run_logged(&mut c, "make (verilated model)", &log, opts.timeout)?;
    let built = obj.join(LIB);
    if !st.success() || !built.is_file() {
        bail!(
            "compiling `{top}` failed ({st}; log {}):\n{}",
            log.display(),
            harness::tail(&std::fs::read_to_string(&log).unwrap_or_default())
        );
    }
    std::fs::rename(&built, tmp.join(LIB))?;
    std::fs::write(
        tmp.join("build.json"),
        serde_json::to_string_pretty(&serde_json::json!({
            "top": top, "shim_version": SHIM_VERSION,
            "files": sources.iter().map(|(p, _)| p.display().to_string()).collect::<Vec<_>>(),
            "seconds": t0.elapsed().as_secs_f64(),
        }))?,
    )?;
    // Keep the generated C++ for reading, drop the objects (several MB per design).
    for e in std::fs::read_dir(&obj)?.flatten() {
        let p = e.path();
        if matches!(
            p.extension().and_then(|x| x.to_str()),
            Some("o" | "a" | "d")
        ) {
            let _ = std::fs::remove_file(p);
        }
    }
    match std::fs::rename(&tmp, dir) {
        Ok(()) => Ok(()),
        // Another process published the same key first: its library is as good as ours.
        Err(_) if dir.join(LIB).is_file() => {
            let _ = std::fs::remove_dir_all(&tmp);
            Ok(())
        }
        Err(e) => Err(anyhow!(
            "publishing {} as {}: {e}",
            tmp.display(),
            dir.display()
        )),
    }
}

/// dlopen the library and look up the shim's functions; checks its ABI version and port count.
fn load(path: &Path, nports: usize) -> Result<Api> {
    // SAFETY: the library is one this module built from its own shim and Verilator's C++ (no
    // initializer with side effects beyond Verilator's static setup); it exports only `mlpvl_*`.
    let lib = unsafe { libloading::Library::new(path) }
        .with_context(|| format!("loading {}", path.display()))?;
    macro_rules! sym {
        ($name:literal, $t:ty) => {{
            // SAFETY: the symbol is the shim's C function of exactly this signature (the shim
            // source and this declaration change together, guarded by SHIM_VERSION); the copied
            // function pointer lives no longer than `lib`, which `Api` keeps loaded.
            let s: libloading::Symbol<$t> = unsafe { lib.get($name) }
                .with_context(|| format!("{}: missing symbol", path.display()))?;
            *s
        }};
    }
    let version = sym!(b"mlpvl_version\0", unsafe extern "C" fn() -> u32);
    let np = sym!(b"mlpvl_nports\0", unsafe extern "C" fn() -> u32);
    // SAFETY: both take no arguments and only return a constant.
    let (v, n) = unsafe { (version(), np()) };
    if v != SHIM_VERSION || n as usize != nports {
        bail!(
            "{}: shim version {v} with {n} ports, expected {SHIM_VERSION} with {nports} \
             (delete the directory to rebuild)",
            path.display()
        );
    }
    Ok(Api {
        new: sym!(b"mlpvl_new\0", unsafe extern "C" fn() -> *mut c_void),
        free: sym!(b"mlpvl_free\0", unsafe extern "C" fn(*mut c_void)),
        set: sym!(b"mlpvl_set\0", unsafe extern "C" fn(*mut c_void, u32, u64)),
        get: sym!(
            b"mlpvl_get\0",
            unsafe extern "C" fn(*mut c_void, u32) -> u64
        ),
        step: sym!(b"mlpvl_step\0", unsafe extern "C" fn(*mut c_void, u64)),
        cycles: sym!(
            b"mlpvl_cycles\0",
            unsafe extern "C" fn(
                *mut c_void,
                u64,
                u32,
                *const u32,
                *const u64,
                u32,
                *const u32,
                *mut u64,
            )
        ),
        until: sym!(
            b"mlpvl_run_until\0",
            unsafe extern "C" fn(*mut c_void, u32, u64, u64) -> u64
        ),
        _lib: lib,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::hw::harness::{compare, HwUnit, DEFAULT_SEED};
    use crate::hw::{mac_array::MacArrayUnit, skew_mem::SkewMemUnit};

    fn build_unit(u: &dyn HwUnit) -> VerilatedDesign {
        VerilatedDesign::build_verilog(&harness::emitted(u), u.name(), &BuildOpts::default())
            .unwrap_or_else(|e| panic!("{}: {e:#}", u.name()))
    }

    /// The fourth execution: the unit's harness vectors through the binding equal golden, and a
    /// wrong expectation is caught.
    fn agrees_with_golden(u: &dyn HwUnit) {
        let d = build_unit(u);
        let v = u.vectors(DEFAULT_SEED);
        assert!(v.len() >= 1000);
        let mut sim = d.instantiate().unwrap();
        let out = run_vectors(&d, &mut sim, &v).unwrap();
        let r = compare(&v, &out);
        assert_eq!(
            r.mismatches,
            0,
            "{} verilated vs golden:\n{}",
            u.name(),
            r.report.join("\n")
        );
        assert_eq!(sim.cycles(), v.len() as u64 + 1);

        let mut bad = v.clone();
        let i = bad.len() / 2;
        let k = bad.vectors[i].check.iter().position(|&c| c).unwrap();
        bad.vectors[i].expect[k] ^= 1;
        let r = compare(&bad, &out);
        assert_eq!(
            r.mismatches,
            1,
            "{}: the wrong expectation was not caught",
            u.name()
        );
        assert!(
            r.report[0].contains(&format!("vector {i} ")),
            "{}",
            r.report[0]
        );
    }

    #[test]
    fn mac_array_through_verilator_equals_golden() {
        agrees_with_golden(&MacArrayUnit::new(&Config::default()));
    }

    #[test]
    fn skew_mem_through_verilator_equals_golden() {
        agrees_with_golden(&SkewMemUnit::act0(&Config::default()));
    }

    /// The per-call API (set / step / get) gives the same outputs as the batched script, and
    /// `run_until` stops where the output first matches.
    #[test]
    fn single_calls_match_script() {
        let u = MacArrayUnit::new(&Config::default());
        let d = build_unit(&u);
        let v = u.vectors(DEFAULT_SEED);
        let set: Vec<usize> = v.inputs.iter().map(|p| d.port(&p.name).unwrap()).collect();
        let get: Vec<usize> = v.outputs.iter().map(|p| d.port(&p.name).unwrap()).collect();
        let mut a = d.instantiate().unwrap();
        let batched = run_vectors(&d, &mut a, &v).unwrap();
        let mut b = d.instantiate().unwrap();
        b.step(1); // the leading all-zero cycle
        for (n, vec) in v.vectors.iter().enumerate().take(300) {
            for (&p, &x) in set.iter().zip(&vec.inputs) {
                b.set(p, x);
            }
            // Sampled before the rising edge: `get` settles the new inputs without an edge.
            let row: Vec<u64> = get.iter().map(|&p| b.get(p)).collect();
            assert_eq!(row, batched[n], "vector {n}");
            b.step(1);
        }
        // run_until: clear the array, then count cycles until acc_out$0 is 0 again after a MAC.
        let mut c = d.instantiate().unwrap();
        let acc0 = d.port("acc_out$0").unwrap();
        assert_eq!(c.run_until(acc0, 0, 10), Some(0));
        assert_eq!(c.run_until(acc0, 12345, 7), None);
        assert_eq!(c.cycles(), 7);
    }

    #[test]
    fn second_build_is_a_cache_hit() {
        let u = SkewMemUnit::w0(&Config::default());
        let a = build_unit(&u);
        let lib = a.dir().join(LIB);
        let t1 = std::fs::metadata(&lib).unwrap().modified().unwrap();
        let b = build_unit(&u);
        assert!(b.cache_hit(), "second build recompiled");
        assert_eq!(b.dir(), a.dir());
        assert_eq!(std::fs::metadata(&lib).unwrap().modified().unwrap(), t1);
    }

    /// Every input of the build is in the key: Verilog text, tool versions, waivers, top, clock.
    #[test]
    fn cache_key_covers_every_input() {
        let src = |t: &str| vec![(PathBuf::from("units/x.v"), t.to_string())];
        let base = cache_key("verilator 5.006", "x", Some("clock"), Some("w"), &src("a"));
        assert_eq!(
            base,
            cache_key("verilator 5.006", "x", Some("clock"), Some("w"), &src("a"))
        );
        for other in [
            cache_key("verilator 5.006", "x", Some("clock"), Some("w"), &src("b")),
            cache_key("verilator 5.020", "x", Some("clock"), Some("w"), &src("a")),
            cache_key("verilator 5.006", "x", Some("clock"), None, &src("a")),
            cache_key("verilator 5.006", "y", Some("clock"), Some("w"), &src("a")),
            cache_key("verilator 5.006", "x", None, Some("w"), &src("a")),
        ] {
            assert_ne!(base, other);
        }
    }

    const TINY: &str = "module tiny(clock,en,d,wide,q,sum,wide_q);
    input wire clock;
    input wire en;
    input wire [7:0] d;
    input wire [63:0] wide;
    output reg [15:0] q;
    output wire [8:0] sum;
    output wire [63:0] wide_q;
    initial q = 16'h0;
    always @(posedge clock) if (en) q <= q + {8'h0, d};
    assign sum = {1'b0, d} + 9'h1;
    assign wide_q = ~wide;
endmodule
";

    /// The cycle semantics on a hand-written design: combinational reads settle without an edge,
    /// a script row samples before its rising edge, inputs are masked, 64-bit ports round-trip.
    #[test]
    fn tiny_design_semantics() {
        let d = VerilatedDesign::build_verilog(TINY, "tiny", &BuildOpts::default())
            .unwrap_or_else(|e| panic!("{e:#}"));
        let p = |n: &str| d.port(n).unwrap();
        assert_eq!(d.clock(), Some(0));
        assert_eq!(d.ports().len(), 7);
        let mut s = d.instantiate().unwrap();
        assert_eq!(s.get(p("q")), 0);
        s.set(p("d"), 0x1ff); // masked to 8 bits
        assert_eq!(s.get(p("d")), 0xff);
        assert_eq!(
            s.get(p("sum")),
            0x100,
            "combinational output settles without a clock edge"
        );
        s.set(p("d"), 5);
        s.step(3); // en = 0: no change
        assert_eq!(s.get(p("q")), 0);
        s.set(p("en"), 1);
        s.step(3);
        assert_eq!(s.get(p("q")), 15);
        s.set(p("wide"), 0x0123_4567_89ab_cdef);
        assert_eq!(s.get(p("wide_q")), !0x0123_4567_89ab_cdefu64);
        // Script: each row's inputs apply on its falling edge; q is sampled before the rising edge.
        let mut sc = Script::new(&[p("en"), p("d")], &[p("q"), p("sum")]);
        sc.push(&[1, 1]);
        sc.push(&[1, 2]);
        sc.push(&[0, 7]);
        sc.push(&[1, 0]);
        assert_eq!(sc.rows(), 4);
        assert_eq!(s.run_script(&sc), vec![15, 2, 16, 3, 18, 8, 18, 1]);
        assert_eq!(s.get(p("q")), 18);
        // run_until counts cycles until q reaches the value (checked before each cycle).
        s.set(p("d"), 3);
        s.set(p("en"), 1);
        assert_eq!(s.run_until(p("q"), 18, 5), Some(0));
        assert_eq!(s.run_until(p("q"), 27, 5), Some(3));
        assert_eq!(s.run_until(p("q"), 28, 4), None);
        assert_eq!(s.get(p("q")), 39);
        assert_eq!(s.cycles(), 3 + 3 + 4 + 3 + 4);
        // A second instance is independent.
        let mut s2 = d.instantiate().unwrap();
        assert_eq!(s2.get(p("q")), 0);
        // Not settable: outputs and the clock.
        for port in ["q", "clock"] {
            let idx = p(port);
            let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| s2.set(idx, 1)));
            assert!(r.is_err(), "{port} was settable");
        }
    }

    #[test]
    fn unsupported_designs_are_refused_before_any_tool_runs() {
        let o = BuildOpts {
            path_env: Some("/nonexistent-mlp-rtl-path".into()),
            ..BuildOpts::default()
        };
        let wide = TINY.replace("[63:0] wide;", "[64:0] wide;");
        let e = VerilatedDesign::build_verilog(&wide, "tiny", &o).unwrap_err();
        assert!(format!("{e:#}").contains("65 bits"), "{e:#}");
        let e = VerilatedDesign::build_verilog(TINY, "nope", &o).unwrap_err();
        assert!(
            format!("{e:#}").contains("module `nope(` not found"),
            "{e:#}"
        );
        let o2 = BuildOpts {
            clock: Some("clk".into()),
            ..o
        };
        let e = VerilatedDesign::build_verilog(TINY, "tiny", &o2).unwrap_err();
        assert!(format!("{e:#}").contains("no clock port `clk`"), "{e:#}");
    }

    #[test]
    fn missing_tool_names_the_install_script() {
        let opts = BuildOpts {
            path_env: Some("/nonexistent-mlp-rtl-path".into()),
            cache_dir: harness::target_dir().join("verilated-missing-tool"),
            ..BuildOpts::default()
        };
        let u = SkewMemUnit::w0(&Config::default());
        let e = VerilatedDesign::build_verilog(&harness::emitted(&u), u.name(), &opts).unwrap_err();
        let msg = format!("{e:#}");
        assert!(msg.contains("bash scripts/install-tools.sh"), "{msg}");
        assert!(msg.contains("verilator"), "{msg}");
        assert_eq!(msg.lines().count(), 1, "{msg}");
    }

    #[test]
    fn names_and_header_parsing() {
        assert_eq!(verilated_name("a_in$0"), "a_in__0240");
        assert_eq!(verilated_name("sat$15"), "sat__02415");
        assert_eq!(verilated_name("clock"), "clock");
        assert_eq!(verilated_name("a__b"), "a___05Fb");
        let h =
            "    VL_IN8(&clock,0,0);\n    VL_OUT(&acc_out__0240,31,0);\n    VL_IN64(&x,63,0);\n";
        assert_eq!(
            header_ports(h),
            vec![
                ("clock".to_string(), 1),
                ("acc_out__0240".to_string(), 32),
                ("x".to_string(), 64)
            ]
        );
    }

    #[test]
    fn shim_has_one_case_per_port() {
        let u = MacArrayUnit::new(&Config::default());
        let text = harness::emitted(&u);
        let ports = verilog::ports(&text, "mac_array").unwrap();
        let s = shim_cpp("mac_array", &ports, Some(0));
        let sets = s.matches("= (").count();
        let gets = s.matches("return (uint64_t)s->m.").count();
        let inputs = ports.iter().filter(|p| p.dir == Dir::Input).count();
        assert_eq!(sets, inputs - 1, "clock is not settable");
        assert_eq!(gets, ports.len());
        assert!(s.contains("m.clock = 1;"));
    }
}
