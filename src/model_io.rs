//! Model files: safetensors (readable by the Python `safetensors` package, PyTorch and NumPy), one
//! tensor per weight, bias and optimizer-state buffer, with string metadata.
//!
//! File layout (the safetensors standard): an 8-byte little-endian header length `N`, `N` bytes of
//! JSON `{"name": {"dtype", "shape", "data_offsets": [begin, end]}, …, "__metadata__": {…}}`, then the
//! little-endian tensor bytes. Float engines store `F32`; fixed-point engines store the raw integers
//! (`I16` operands, `U32` for LFSR state) and give each tensor's fraction bits in the metadata
//! (`frac.<tensor>`), so `real = raw · 2^-frac`.
//!
//! Writing is atomic: the bytes go to a temporary file in the same directory, are fsynced, then
//! renamed over the target; a crash leaves either the old file or the new one, never a torn one.

use anyhow::{bail, Context};
use safetensors::tensor::{Dtype, SafeTensors, TensorView};
use std::collections::{BTreeMap, HashMap};
use std::io::Write;
use std::path::{Path, PathBuf};

/// The values of one tensor.
#[derive(Debug, Clone, PartialEq)]
pub enum TensorData {
    F32(Vec<f32>),
    I16(Vec<i16>),
    I32(Vec<i32>),
    U32(Vec<u32>),
}

impl TensorData {
    pub fn len(&self) -> usize {
        match self {
            TensorData::F32(v) => v.len(),
            TensorData::I16(v) => v.len(),
            TensorData::I32(v) => v.len(),
            TensorData::U32(v) => v.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn dtype_name(&self) -> &'static str {
        match self {
            TensorData::F32(_) => "F32",
            TensorData::I16(_) => "I16",
            TensorData::I32(_) => "I32",
            TensorData::U32(_) => "U32",
        }
    }

    fn dtype(&self) -> Dtype {
        match self {
            TensorData::F32(_) => Dtype::F32,
            TensorData::I16(_) => Dtype::I16,
            TensorData::I32(_) => Dtype::I32,
            TensorData::U32(_) => Dtype::U32,
        }
    }

    fn to_le_bytes(&self) -> Vec<u8> {
        match self {
            TensorData::F32(v) => v.iter().flat_map(|x| x.to_le_bytes()).collect(),
            TensorData::I16(v) => v.iter().flat_map(|x| x.to_le_bytes()).collect(),
            TensorData::I32(v) => v.iter().flat_map(|x| x.to_le_bytes()).collect(),
            TensorData::U32(v) => v.iter().flat_map(|x| x.to_le_bytes()).collect(),
        }
    }

    fn from_view(name: &str, v: &TensorView<'_>) -> anyhow::Result<TensorData> {
        let b = v.data();
        Ok(match v.dtype() {
            Dtype::F32 => TensorData::F32(
                b.chunks_exact(4)
                    .map(|c| f32::from_le_bytes(c.try_into().unwrap()))
                    .collect(),
            ),
            Dtype::I16 => TensorData::I16(
                b.chunks_exact(2)
                    .map(|c| i16::from_le_bytes(c.try_into().unwrap()))
                    .collect(),
            ),
            Dtype::I32 => TensorData::I32(
                b.chunks_exact(4)
                    .map(|c| i32::from_le_bytes(c.try_into().unwrap()))
                    .collect(),
            ),
            Dtype::U32 => TensorData::U32(
                b.chunks_exact(4)
                    .map(|c| u32::from_le_bytes(c.try_into().unwrap()))
                    .collect(),
            ),
            other => bail!(
                "tensor '{name}': dtype {other:?} is not one mlp-rtl writes (F32, I16, I32, U32)"
            ),
        })
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Tensor {
    pub name: String,
    pub shape: Vec<usize>,
    pub data: TensorData,
}

/// A model file's contents: tensors sorted by name, and string metadata.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ModelFile {
    pub metadata: BTreeMap<String, String>,
    pub tensors: Vec<Tensor>,
}

struct Raw<'a> {
    dtype: Dtype,
    shape: &'a [usize],
    bytes: Vec<u8>,
}

impl safetensors::View for &Raw<'_> {
    fn dtype(&self) -> Dtype {
        self.dtype
    }
    fn shape(&self) -> &[usize] {
        self.shape
    }
    fn data(&self) -> std::borrow::Cow<'_, [u8]> {
        std::borrow::Cow::Borrowed(&self.bytes)
    }
    fn data_len(&self) -> usize {
        self.bytes.len()
    }
}

impl ModelFile {
    pub fn push(&mut self, name: &str, shape: &[usize], data: TensorData) {
        assert_eq!(
            shape.iter().product::<usize>(),
            data.len(),
            "tensor {name}: shape {shape:?} does not match {} values",
            data.len()
        );
        let t = Tensor {
            name: name.to_string(),
            shape: shape.to_vec(),
            data,
        };
        match self.tensors.binary_search_by(|x| x.name.as_str().cmp(name)) {
            Ok(i) => self.tensors[i] = t,
            Err(i) => self.tensors.insert(i, t),
        }
    }

    /// The safetensors bytes of this file.
    pub fn to_bytes(&self) -> anyhow::Result<Vec<u8>> {
        let raws: Vec<(String, Raw<'_>)> = self
            .tensors
            .iter()
            .map(|t| {
                (
                    t.name.clone(),
                    Raw {
                        dtype: t.data.dtype(),
                        shape: &t.shape,
                        bytes: t.data.to_le_bytes(),
                    },
                )
            })
            .collect();
        let meta: HashMap<String, String> = self.metadata.clone().into_iter().collect();
        let views: Vec<(String, &Raw<'_>)> = raws.iter().map(|(n, r)| (n.clone(), r)).collect();
        let bytes = safetensors::serialize(views, Some(meta)).context("cannot serialize model")?;
        Ok(canonical_header(bytes))
    }

    /// Parse safetensors bytes; `what` names the file in errors.
    pub fn from_bytes(bytes: &[u8], what: &str) -> anyhow::Result<ModelFile> {
        let st = SafeTensors::deserialize(bytes)
            .map_err(|e| anyhow::anyhow!("{what}: not a valid safetensors file ({e})"))?;
        let (_, meta) = SafeTensors::read_metadata(bytes)
            .map_err(|e| anyhow::anyhow!("{what}: bad safetensors header ({e})"))?;
        let metadata: BTreeMap<String, String> = meta
            .metadata()
            .clone()
            .unwrap_or_default()
            .into_iter()
            .collect();
        // Tensors are kept sorted by name (the writer reorders by dtype), so round trips compare equal.
        let mut named = st.tensors();
        named.sort_by(|a, b| a.0.cmp(&b.0));
        let mut tensors = Vec::with_capacity(named.len());
        for (name, v) in named {
            let data = TensorData::from_view(&name, &v).with_context(|| what.to_string())?;
            tensors.push(Tensor {
                name,
                shape: v.shape().to_vec(),
                data,
            });
        }
        Ok(ModelFile { metadata, tensors })
    }

    /// Write atomically: temp file in the same directory, fsync, rename. Nothing is overwritten on
    /// failure.
    pub fn save(&self, path: &Path) -> anyhow::Result<()> {
        let bytes = self.to_bytes()?;
        write_atomic(path, &bytes)
    }

    pub fn load(path: &Path) -> anyhow::Result<ModelFile> {
        let bytes =
            std::fs::read(path).with_context(|| format!("cannot read model {}", path.display()))?;
        ModelFile::from_bytes(&bytes, &path.display().to_string())
    }

    /// The tensor `name`, checked for shape and dtype; errors name the tensor and the problem.
    pub fn get(&self, name: &str, shape: &[usize], dtype: &str) -> anyhow::Result<&TensorData> {
        let t = self
            .tensors
            .iter()
            .find(|t| t.name == name)
            .ok_or_else(|| anyhow::anyhow!("tensor '{name}' is missing"))?;
        if t.shape != shape {
            bail!(
                "tensor '{name}' has shape {:?}, the config needs {:?}",
                t.shape,
                shape
            );
        }
        if t.data.dtype_name() != dtype {
            bail!(
                "tensor '{name}' has dtype {}, expected {dtype}",
                t.data.dtype_name()
            );
        }
        Ok(&t.data)
    }

    pub fn meta(&self, key: &str) -> anyhow::Result<&str> {
        self.metadata
            .get(key)
            .map(String::as_str)
            .ok_or_else(|| anyhow::anyhow!("metadata '{key}' is missing"))
    }
}

/// The safetensors writer emits the metadata in `HashMap` order, which changes from run to run.
/// Re-emit the header with every object's keys sorted (same content, same length; padded with spaces
/// as the format allows) so equal models give equal bytes.
fn canonical_header(mut bytes: Vec<u8>) -> Vec<u8> {
    use serde_json::Value;
    fn write_sorted(v: &Value, out: &mut String) {
        match v {
            Value::Object(m) => {
                let b: BTreeMap<&String, &Value> = m.iter().collect();
                out.push('{');
                for (i, (k, v)) in b.into_iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    out.push_str(&Value::String(k.clone()).to_string());
                    out.push(':');
                    write_sorted(v, out);
                }
                out.push('}');
            }
            other => out.push_str(&other.to_string()),
        }
    }
    let Some(n) = bytes
        .get(..8)
        .map(|b| u64::from_le_bytes(b.try_into().unwrap()) as usize)
    else {
        return bytes;
    };
    let Some(Ok(header)) = bytes.get(8..8 + n).map(serde_json::from_slice::<Value>) else {
        return bytes;
    };
    let mut text = String::new();
    write_sorted(&header, &mut text);
    if text.len() <= n {
        let h = &mut bytes[8..8 + n];
        h[..text.len()].copy_from_slice(text.as_bytes());
        h[text.len()..].fill(b' ');
    }
    bytes
}

/// Write `bytes` to `path` atomically (temp file in the same directory, fsync, rename, fsync dir).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    if path.is_dir() {
        bail!("{} is a directory", path.display());
    }
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if !dir.is_dir() {
        bail!(
            "cannot write {}: directory {} does not exist",
            path.display(),
            dir.display()
        );
    }
    let file_name = path
        .file_name()
        .ok_or_else(|| anyhow::anyhow!("{} names no file", path.display()))?
        .to_string_lossy()
        .to_string();
    let tmp = dir.join(format!(".{file_name}.tmp-{}", std::process::id()));
    let result = (|| -> std::io::Result<()> {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        drop(f);
        std::fs::rename(&tmp, path)?;
        if let Ok(d) = std::fs::File::open(&dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        bail!("cannot write {}: {e}", path.display());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> ModelFile {
        let mut m = ModelFile::default();
        m.metadata.insert("engine".into(), "golden".into());
        m.metadata.insert("frac.w0".into(), "12".into());
        m.push(
            "w0",
            &[2, 3],
            TensorData::I16(vec![-32768, -1, 0, 1, 2, 32767]),
        );
        m.push("b0", &[3], TensorData::F32(vec![0.5, -1.25, 3.0]));
        m.push("lfsr", &[1], TensorData::U32(vec![0xDEAD_BEEF]));
        m
    }

    fn tmp(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("mlp-rtl-model-io-{}", std::process::id()));
        std::fs::create_dir_all(&d).unwrap();
        d.join(name)
    }

    #[test]
    fn roundtrip_is_exact() {
        let m = sample();
        let p = tmp("rt.safetensors");
        m.save(&p).unwrap();
        assert_eq!(ModelFile::load(&p).unwrap(), m);
    }

    /// Parses the file with nothing but serde_json: the header length, the JSON, the offsets.
    #[test]
    fn independent_reader_sees_shapes_and_values() {
        let bytes = sample().to_bytes().unwrap();
        let n = u64::from_le_bytes(bytes[..8].try_into().unwrap()) as usize;
        let header: serde_json::Value = serde_json::from_slice(&bytes[8..8 + n]).unwrap();
        let data = &bytes[8 + n..];
        assert_eq!(header["__metadata__"]["engine"], "golden");
        let w = &header["w0"];
        assert_eq!(w["dtype"], "I16");
        assert_eq!(w["shape"], serde_json::json!([2, 3]));
        let (a, b) = (
            w["data_offsets"][0].as_u64().unwrap() as usize,
            w["data_offsets"][1].as_u64().unwrap() as usize,
        );
        let vals: Vec<i16> = data[a..b]
            .chunks_exact(2)
            .map(|c| i16::from_le_bytes([c[0], c[1]]))
            .collect();
        assert_eq!(vals, vec![-32768, -1, 0, 1, 2, 32767]);
        let bias = &header["b0"];
        let (a, b) = (
            bias["data_offsets"][0].as_u64().unwrap() as usize,
            bias["data_offsets"][1].as_u64().unwrap() as usize,
        );
        let f: Vec<f32> = data[a..b]
            .chunks_exact(4)
            .map(|c| f32::from_le_bytes(c.try_into().unwrap()))
            .collect();
        assert_eq!(f, vec![0.5, -1.25, 3.0]);
    }

    #[test]
    fn equal_models_give_equal_bytes() {
        let mut m = sample();
        for k in 0..20 {
            m.metadata.insert(format!("key{k}"), format!("v{k}"));
        }
        let a = m.to_bytes().unwrap();
        for _ in 0..5 {
            assert_eq!(m.to_bytes().unwrap(), a);
        }
        assert_eq!(ModelFile::from_bytes(&a, "a").unwrap(), m);
    }

    #[test]
    fn bad_files_give_clear_errors_and_overwrite_nothing() {
        let m = sample();
        let bytes = m.to_bytes().unwrap();
        let e = ModelFile::from_bytes(&bytes[..bytes.len() - 3], "x.safetensors").unwrap_err();
        assert!(
            format!("{e:#}").contains("x.safetensors: not a valid safetensors file"),
            "{e:#}"
        );
        let e = ModelFile::from_bytes(b"garbage", "g").unwrap_err();
        assert!(format!("{e:#}").starts_with("g: "), "{e:#}");
        let e = m.get("w0", &[3, 2], "I16").unwrap_err();
        assert_eq!(
            e.to_string(),
            "tensor 'w0' has shape [2, 3], the config needs [3, 2]"
        );
        let e = m.get("w0", &[2, 3], "F32").unwrap_err();
        assert_eq!(e.to_string(), "tensor 'w0' has dtype I16, expected F32");
        assert_eq!(
            m.get("w9", &[1], "F32").unwrap_err().to_string(),
            "tensor 'w9' is missing"
        );
        // A failed save leaves the previous file intact.
        let p = tmp("keep.safetensors");
        m.save(&p).unwrap();
        let e = write_atomic(&p.parent().unwrap().join("no-such-dir/x"), b"1").unwrap_err();
        assert!(e.to_string().contains("does not exist"));
        assert!(write_atomic(p.parent().unwrap(), b"1").is_err());
        assert_eq!(ModelFile::load(&p).unwrap(), m);
    }
}
