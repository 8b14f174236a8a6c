//! Reading UTF-8 files that may start with a byte order mark (as
//! spreadsheet programs write them).

use std::io::Read;

/// A reader that drops a leading UTF-8 byte order mark.
pub(crate) struct SkipBom<R> {
    inner: R,
    checked: bool,
    pending: Vec<u8>,
}

impl<R: Read> SkipBom<R> {
    /// Wraps `inner`.
    pub(crate) fn new(inner: R) -> Self {
        SkipBom {
            inner,
            checked: false,
            pending: Vec::new(),
        }
    }

    /// The wrapped reader.
    pub(crate) fn get_ref(&self) -> &R {
        &self.inner
    }
}

impl<R: Read> Read for SkipBom<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if !self.checked {
            self.checked = true;
            let mut head = [0u8; 3];
            let mut filled = 0;
            while filled < 3 {
                let n = self.inner.read(&mut head[filled..])?;
                if n == 0 {
                    break;
                }
                filled += n;
            }
            if head[..filled] != [0xEF, 0xBB, 0xBF] {
                self.pending.extend_from_slice(&head[..filled]);
            }
        }
        if !self.pending.is_empty() {
            let n = buf.len().min(self.pending.len());
            buf[..n].copy_from_slice(&self.pending[..n]);
            self.pending.drain(..n);
            return Ok(n);
        }
        self.inner.read(buf)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_leading_bom_is_dropped_and_nothing_else() {
        let mut text = String::new();
        SkipBom::new("\u{feff}id,name".as_bytes())
            .read_to_string(&mut text)
            .unwrap();
        assert_eq!(text, "id,name");
        let mut text = String::new();
        SkipBom::new("id".as_bytes())
            .read_to_string(&mut text)
            .unwrap();
        assert_eq!(text, "id");
    }
}
