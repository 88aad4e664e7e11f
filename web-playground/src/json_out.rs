//! Writing the answers: a compact JSON `serde::Serializer`, byte for byte what
//! `serde_json::to_string` writes, but smaller in the wasm.
//!
//! Every answer type's `Serialize` is compiled once per serializer, and serde_json's serializer
//! puts its key and separator writing into each field of each type (generic over the writer and
//! the formatter). Here a field costs a call: the writing is in a few non-generic functions. The
//! tests compare the two on the seed policies' programs and answers, so the browser's writer is
//! checked against the one the CLI uses. Measured again with the pest_derive parser (issue 18):
//! `serde_json::to_string` in its place adds 6.8 KB to the gzipped wasm (BENCHMARKS.md).

use std::fmt::{self, Display, Write as _};

use serde::ser::{self, Impossible, Serialize};

/// `value` as compact JSON, as `serde_json::to_string` writes it.
pub(crate) fn to_string<T: Serialize + ?Sized>(value: &T) -> Result<String, Error> {
    let mut w = Writer { out: String::new() };
    value.serialize(&mut w)?;
    Ok(w.out)
}

#[derive(Debug)]
pub(crate) struct Error(String);

impl Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: Display>(msg: T) -> Error {
        Error(msg.to_string())
    }
}

pub(crate) struct Writer {
    out: String,
}

impl Writer {
    #[inline(never)]
    fn string(&mut self, s: &str) {
        self.out.push('"');
        let mut run = 0;
        for (i, b) in s.bytes().enumerate() {
            let escape = match b {
                b'"' => "\\\"",
                b'\\' => "\\\\",
                b'\n' => "\\n",
                b'\r' => "\\r",
                b'\t' => "\\t",
                0x08 => "\\b",
                0x0c => "\\f",
                0..=0x1f => "",
                _ => continue,
            };
            self.out.push_str(&s[run..i]);
            if escape.is_empty() {
                // serde_json writes the other control characters as \u00XX, in lower case.
                let _ = write!(self.out, "\\u{b:04x}");
            } else {
                self.out.push_str(escape);
            }
            run = i + 1;
        }
        self.out.push_str(&s[run..]);
        self.out.push('"');
    }

    #[inline(never)]
    fn integer(&mut self, n: impl Display) {
        let _ = write!(self.out, "{n}");
    }

    /// Opens `{` (or `[`), with `{"variant":` before it for an enum variant.
    #[inline(never)]
    fn open(&mut self, variant: Option<&str>, bracket: char) {
        if let Some(variant) = variant {
            self.out.push('{');
            self.string(variant);
            self.out.push(':');
        }
        self.out.push(bracket);
    }

    /// A comma unless this is the first element.
    #[inline(never)]
    fn comma(&mut self, first: &mut bool) {
        if !std::mem::take(first) {
            self.out.push(',');
        }
    }

    /// `"key":`, after a comma unless first.
    #[inline(never)]
    fn key(&mut self, first: &mut bool, key: &str) {
        self.comma(first);
        self.string(key);
        self.out.push(':');
    }

    /// Closes with `bracket`, and the variant's `}` when there is one.
    #[inline(never)]
    fn close(&mut self, variant: bool, bracket: char) {
        self.out.push(bracket);
        if variant {
            self.out.push('}');
        }
    }
}

/// A sequence, map or struct being written; `variant` when it is the content of an enum variant.
pub(crate) struct Compound<'a> {
    w: &'a mut Writer,
    first: bool,
    variant: bool,
}

impl<'a> Compound<'a> {
    fn new(w: &'a mut Writer, variant: Option<&str>, bracket: char) -> Compound<'a> {
        w.open(variant, bracket);
        Compound {
            w,
            first: true,
            variant: variant.is_some(),
        }
    }

    fn element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.w.comma(&mut self.first);
        value.serialize(&mut *self.w)
    }

    fn field<T: Serialize + ?Sized>(&mut self, key: &str, value: &T) -> Result<(), Error> {
        self.w.key(&mut self.first, key);
        value.serialize(&mut *self.w)
    }
}

impl<'a> ser::Serializer for &'a mut Writer {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Compound<'a>;
    type SerializeTuple = Compound<'a>;
    type SerializeTupleStruct = Compound<'a>;
    type SerializeTupleVariant = Compound<'a>;
    type SerializeMap = Compound<'a>;
    type SerializeStruct = Compound<'a>;
    type SerializeStructVariant = Compound<'a>;

    fn serialize_bool(self, v: bool) -> Result<(), Error> {
        self.out.push_str(if v { "true" } else { "false" });
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Result<(), Error> {
        self.serialize_i64(v.into())
    }
    fn serialize_i16(self, v: i16) -> Result<(), Error> {
        self.serialize_i64(v.into())
    }
    fn serialize_i32(self, v: i32) -> Result<(), Error> {
        self.serialize_i64(v.into())
    }
    fn serialize_i64(self, v: i64) -> Result<(), Error> {
        self.integer(v);
        Ok(())
    }
    fn serialize_i128(self, v: i128) -> Result<(), Error> {
        self.integer(v);
        Ok(())
    }
    fn serialize_u8(self, v: u8) -> Result<(), Error> {
        self.serialize_u64(v.into())
    }
    fn serialize_u16(self, v: u16) -> Result<(), Error> {
        self.serialize_u64(v.into())
    }
    fn serialize_u32(self, v: u32) -> Result<(), Error> {
        self.serialize_u64(v.into())
    }
    fn serialize_u64(self, v: u64) -> Result<(), Error> {
        self.integer(v);
        Ok(())
    }
    fn serialize_u128(self, v: u128) -> Result<(), Error> {
        self.integer(v);
        Ok(())
    }
    // No answer has a float (decimals are strings); serde_json's spelling if one ever does.
    fn serialize_f32(self, v: f32) -> Result<(), Error> {
        let text = serde_json::to_string(&v).map_err(ser::Error::custom)?;
        self.out.push_str(&text);
        Ok(())
    }
    fn serialize_f64(self, v: f64) -> Result<(), Error> {
        let text = serde_json::to_string(&v).map_err(ser::Error::custom)?;
        self.out.push_str(&text);
        Ok(())
    }
    fn serialize_char(self, v: char) -> Result<(), Error> {
        self.string(v.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result<(), Error> {
        self.string(v);
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<(), Error> {
        let mut seq = Compound::new(self, None, '[');
        for b in v {
            seq.element(b)?;
        }
        ser::SerializeSeq::end(seq)
    }
    fn serialize_none(self) -> Result<(), Error> {
        self.serialize_unit()
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Error> {
        self.out.push_str("null");
        Ok(())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), Error> {
        self.serialize_unit()
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<(), Error> {
        self.string(variant);
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.out.push('{');
        self.string(variant);
        self.out.push(':');
        value.serialize(&mut *self)?;
        self.out.push('}');
        Ok(())
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Compound<'a>, Error> {
        Ok(Compound::new(self, None, '['))
    }
    // serde's default asks the iterator for its length (unused here) and goes through
    // `try_for_each`: more code in each of the many sequence types.
    fn collect_seq<I>(self, iter: I) -> Result<(), Error>
    where
        I: IntoIterator,
        I::Item: Serialize,
    {
        let mut seq = Compound::new(self, None, '[');
        for item in iter {
            seq.element(&item)?;
        }
        ser::SerializeSeq::end(seq)
    }
    fn serialize_tuple(self, _len: usize) -> Result<Compound<'a>, Error> {
        Ok(Compound::new(self, None, '['))
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Compound<'a>, Error> {
        Ok(Compound::new(self, None, '['))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Compound<'a>, Error> {
        Ok(Compound::new(self, Some(variant), '['))
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Compound<'a>, Error> {
        Ok(Compound::new(self, None, '{'))
    }
    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Compound<'a>, Error> {
        Ok(Compound::new(self, None, '{'))
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Compound<'a>, Error> {
        Ok(Compound::new(self, Some(variant), '{'))
    }
}

impl ser::SerializeSeq for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.element(value)
    }
    fn end(self) -> Result<(), Error> {
        self.w.close(self.variant, ']');
        Ok(())
    }
}

impl ser::SerializeMap for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        self.w.comma(&mut self.first);
        key.serialize(KeyWriter(&mut *self.w))?;
        self.w.out.push(':');
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        value.serialize(&mut *self.w)
    }
    fn end(self) -> Result<(), Error> {
        self.w.close(self.variant, '}');
        Ok(())
    }
}

/// Tuples, tuple structs and tuple variants are written as sequences: each trait's element
/// method is `element`, and it ends as a sequence does.
macro_rules! written_as_seq {
    ($($compound:ident :: $element:ident),* $(,)?) => {$(
        impl ser::$compound for Compound<'_> {
            type Ok = ();
            type Error = Error;
            fn $element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
                self.element(value)
            }
            fn end(self) -> Result<(), Error> {
                ser::SerializeSeq::end(self)
            }
        }
    )*};
}

written_as_seq!(
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field,
);

/// Structs and struct variants are written as maps: `"key":value` fields, ending as a map does.
macro_rules! written_as_map {
    ($($compound:ident),* $(,)?) => {$(
        impl ser::$compound for Compound<'_> {
            type Ok = ();
            type Error = Error;
            fn serialize_field<T: Serialize + ?Sized>(
                &mut self,
                key: &'static str,
                value: &T,
            ) -> Result<(), Error> {
                self.field(key, value)
            }
            fn end(self) -> Result<(), Error> {
                ser::SerializeMap::end(self)
            }
        }
    )*};
}

written_as_map!(SerializeStruct, SerializeStructVariant);

/// A map key: a string, or what serde_json writes as one (a number or a bool in quotes).
struct KeyWriter<'a>(&'a mut Writer);

fn key_must_be_a_string() -> Error {
    Error("key must be a string".into())
}

impl KeyWriter<'_> {
    fn quoted(self, v: impl Display) -> Result<(), Error> {
        self.0.out.push('"');
        self.0.integer(v);
        self.0.out.push('"');
        Ok(())
    }
}

impl ser::Serializer for KeyWriter<'_> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Impossible<(), Error>;
    type SerializeTuple = Impossible<(), Error>;
    type SerializeTupleStruct = Impossible<(), Error>;
    type SerializeTupleVariant = Impossible<(), Error>;
    type SerializeMap = Impossible<(), Error>;
    type SerializeStruct = Impossible<(), Error>;
    type SerializeStructVariant = Impossible<(), Error>;

    fn serialize_str(self, v: &str) -> Result<(), Error> {
        self.0.string(v);
        Ok(())
    }
    fn serialize_char(self, v: char) -> Result<(), Error> {
        self.0.string(v.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_bool(self, v: bool) -> Result<(), Error> {
        self.quoted(v)
    }
    fn serialize_i8(self, v: i8) -> Result<(), Error> {
        self.quoted(v)
    }
    fn serialize_i16(self, v: i16) -> Result<(), Error> {
        self.quoted(v)
    }
    fn serialize_i32(self, v: i32) -> Result<(), Error> {
        self.quoted(v)
    }
    fn serialize_i64(self, v: i64) -> Result<(), Error> {
        self.quoted(v)
    }
    fn serialize_i128(self, v: i128) -> Result<(), Error> {
        self.quoted(v)
    }
    fn serialize_u8(self, v: u8) -> Result<(), Error> {
        self.quoted(v)
    }
    fn serialize_u16(self, v: u16) -> Result<(), Error> {
        self.quoted(v)
    }
    fn serialize_u32(self, v: u32) -> Result<(), Error> {
        self.quoted(v)
    }
    fn serialize_u64(self, v: u64) -> Result<(), Error> {
        self.quoted(v)
    }
    fn serialize_u128(self, v: u128) -> Result<(), Error> {
        self.quoted(v)
    }
    fn serialize_f32(self, _v: f32) -> Result<(), Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_f64(self, _v: f64) -> Result<(), Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_bytes(self, _v: &[u8]) -> Result<(), Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_none(self) -> Result<(), Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, _value: &T) -> Result<(), Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_unit(self) -> Result<(), Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<(), Error> {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _value: &T,
    ) -> Result<(), Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Self::SerializeSeq, Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_tuple(self, _len: usize) -> Result<Self::SerializeTuple, Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleStruct, Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant, Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap, Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStruct, Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant, Error> {
        Err(key_must_be_a_string())
    }
}

#[cfg(test)]
mod tests {
    use super::to_string;
    use serde::Serialize;
    use std::collections::BTreeMap;

    fn same<T: Serialize + ?Sized>(value: &T) {
        assert_eq!(
            to_string(value).unwrap(),
            serde_json::to_string(value).unwrap()
        );
    }

    #[derive(Serialize)]
    enum E {
        Unit,
        New(i32),
        Tuple(u8, String),
        Struct { a: Option<bool>, b: Vec<char> },
    }

    #[derive(Serialize)]
    #[serde(tag = "kind")]
    enum Tagged {
        A { x: i64 },
        B(Inner),
    }

    #[derive(Serialize)]
    struct Inner {
        y: u64,
        #[serde(skip_serializing_if = "Option::is_none")]
        z: Option<String>,
    }

    #[derive(Serialize)]
    struct Outer {
        #[serde(flatten)]
        inner: Inner,
        map: BTreeMap<i32, &'static str>,
        unit: (),
        tuple: (i8, i16, u32),
        empty: Vec<u8>,
        bytes: &'static [u8],
    }

    #[test]
    fn writes_what_serde_json_writes() {
        same("plain 中文 𠀀 \" \\ / \n \r \t \u{8} \u{c} \u{1} \u{1f} \u{7f} end");
        same(&[E::Unit, E::New(-3), E::Tuple(7, "x".into())]);
        same(&E::Struct {
            a: Some(true),
            b: vec!['a', '"'],
        });
        same(&E::Struct { a: None, b: vec![] });
        same(&vec![
            Tagged::A { x: i64::MIN },
            Tagged::B(Inner {
                y: u64::MAX,
                z: None,
            }),
        ]);
        same(&Outer {
            inner: Inner {
                y: 1,
                z: Some("z".into()),
            },
            map: [(1, "one"), (-2, "minus two")].into_iter().collect(),
            unit: (),
            tuple: (-1, 2, 3),
            empty: vec![],
            bytes: b"ab",
        });
        same(&BTreeMap::<String, Vec<Option<i32>>>::new());
        same(&(1.5f64, 0.1f32, i128::MIN, u128::MAX));
    }

    /// The answers of the seed policies: their programs, diagnostics, examples and duties.
    #[test]
    fn writes_the_seed_policies_answers_as_serde_json_does() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../policies");
        let mut files = Vec::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "zc") {
                let name = path.file_name().unwrap().to_string_lossy().into_owned();
                files.push(crate::FileIn {
                    name,
                    text: std::fs::read_to_string(&path).unwrap(),
                });
            }
        }
        assert!(files.len() >= 7);
        let sources: Vec<_> = files
            .iter()
            .map(|f| zhengce_compiler::SourceFile::new(f.name.clone(), f.text.clone()))
            .collect();
        let out = zhengce_compiler::build::build_allowing_errors(&sources, &Default::default());
        same(&crate::CheckResult::new(&out.diagnostics, &files));
        let program = out.program.expect("the seed policies build");
        same(&program);
        #[cfg(feature = "eval")]
        {
            use zhengce_runtime::eval;
            same(&eval::run_examples(&program));
            let day = zhengce_runtime::CivilDate::parse_iso("2018-06-30").unwrap();
            same(&eval::due(&program, day, None).unwrap());
            same(&eval::EvalError::UnknownFact {
                name: "x".into(),
                suggestions: vec!["y".into()],
            });
        }
    }
}
