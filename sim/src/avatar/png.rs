//! A minimal PNG encoder: one solid colour, square, 1-bit indexed.
//!
//! Enough for a real image any decoder accepts, without an image crate: a 132 px avatar is
//! about 2.5 KB. The zlib stream uses stored (uncompressed) blocks, so no deflate is needed.

const SIGNATURE: [u8; 8] = [0x89, b'P', b'N', b'G', b'\r', b'\n', 0x1a, b'\n'];
/// The largest payload of one stored deflate block.
const STORED_BLOCK_MAX: usize = 65_535;

/// A `size` x `size` PNG filled with `rgb`.
pub(crate) fn solid(size: u32, rgb: [u8; 3]) -> Vec<u8> {
    let mut png = SIGNATURE.to_vec();
    chunk(&mut png, b"IHDR", &header(size));
    chunk(&mut png, b"PLTE", &rgb);
    chunk(&mut png, b"IDAT", &zlib_stored(&scanlines(size)));
    chunk(&mut png, b"IEND", &[]);
    png
}

/// Width, height, bit depth 1, colour type 3 (indexed), default compression/filter/no
/// interlace.
fn header(size: u32) -> Vec<u8> {
    let mut ihdr = Vec::with_capacity(13);
    ihdr.extend_from_slice(&size.to_be_bytes());
    ihdr.extend_from_slice(&size.to_be_bytes());
    ihdr.extend_from_slice(&[1, 3, 0, 0, 0]);
    ihdr
}

/// Every row: filter byte 0, then one bit per pixel, all palette index 0.
fn scanlines(size: u32) -> Vec<u8> {
    let size = usize::try_from(size).unwrap_or(0);
    let row = 1 + size.div_ceil(8);
    vec![0; row * size]
}

fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    let len = u32::try_from(data.len()).unwrap_or(u32::MAX);
    out.extend_from_slice(&len.to_be_bytes());
    let start = out.len();
    out.extend_from_slice(kind);
    out.extend_from_slice(data);
    let crc = crc32(&out[start..]);
    out.extend_from_slice(&crc.to_be_bytes());
}

fn zlib_stored(data: &[u8]) -> Vec<u8> {
    let mut out = vec![0x78, 0x01];
    let mut blocks = data.chunks(STORED_BLOCK_MAX).peekable();
    if blocks.peek().is_none() {
        out.extend_from_slice(&[1, 0, 0, 0xff, 0xff]);
    }
    while let Some(block) = blocks.next() {
        let last = u8::from(blocks.peek().is_none());
        let len = u16::try_from(block.len()).unwrap_or(u16::MAX);
        out.push(last);
        out.extend_from_slice(&len.to_le_bytes());
        out.extend_from_slice(&(!len).to_le_bytes());
        out.extend_from_slice(block);
    }
    out.extend_from_slice(&adler32(data).to_be_bytes());
    out
}

fn adler32(data: &[u8]) -> u32 {
    let (a, b) = data.iter().fold((1u32, 0u32), |(a, b), &byte| {
        let a = (a + u32::from(byte)) % 65_521;
        (a, (b + a) % 65_521)
    });
    (b << 16) | a
}

fn crc32(data: &[u8]) -> u32 {
    !data.iter().fold(!0u32, |crc, &byte| {
        (0..8).fold(crc ^ u32::from(byte), |c, _| {
            if c & 1 == 1 {
                0xedb8_8320 ^ (c >> 1)
            } else {
                c >> 1
            }
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checksums_match_known_values() {
        assert_eq!(crc32(b"123456789"), 0xcbf4_3926);
        assert_eq!(adler32(b"Wikipedia"), 0x11e6_0398);
    }

    #[test]
    fn large_images_split_into_stored_blocks() {
        let png = solid(1024, [1, 2, 3]);
        assert!(png.starts_with(&SIGNATURE));
        assert!(png.len() > STORED_BLOCK_MAX);
    }
}
