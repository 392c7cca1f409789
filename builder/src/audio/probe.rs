//! The length of an audio file, read from the file itself.

use std::fs::File;
use std::path::Path;
use symphonia::core::errors::Error;
use symphonia::core::formats::FormatOptions;
use symphonia::core::io::MediaSourceStream;
use symphonia::core::meta::MetadataOptions;
use symphonia::core::probe::Hint;

/// Seconds of audio in an MP3. Counts every packet rather than trusting a header, so a VBR file
/// without a Xing header is measured right too.
pub fn duration(path: &Path) -> Result<f64, String> {
    let file = File::open(path).map_err(|e| e.to_string())?;
    let stream = MediaSourceStream::new(Box::new(file), Default::default());
    let mut hint = Hint::new();
    hint.with_extension("mp3");
    let probed = symphonia::default::get_probe()
        .format(
            &hint,
            stream,
            &FormatOptions::default(),
            &MetadataOptions::default(),
        )
        .map_err(|e| format!("not an MP3 file ({e})"))?;
    let mut format = probed.format;
    let track = format.default_track().ok_or("it holds no audio track")?;
    let (id, time_base) = (track.id, track.codec_params.time_base);
    let time_base = time_base.ok_or("its audio track has no time base")?;
    let mut total: u64 = 0;
    loop {
        match format.next_packet() {
            Ok(p) if p.track_id() == id => total += p.dur,
            Ok(_) => {}
            Err(Error::IoError(e)) if e.kind() == std::io::ErrorKind::UnexpectedEof => break,
            Err(e) => return Err(format!("it cannot be read to the end ({e})")),
        }
    }
    if total == 0 {
        return Err("it holds no audio".into());
    }
    let t = time_base.calc_time(total);
    Ok(t.seconds as f64 + t.frac)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(name: &str) -> std::path::PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/audio-ok/content/episodes/01-een")
            .join(name)
    }

    #[test]
    fn measures_an_mp3() {
        let secs = duration(&fixture("nl.mp3")).unwrap();
        assert!((1.0..4.0).contains(&secs), "{secs}");
    }

    #[test]
    fn refuses_what_is_not_audio() {
        let err = duration(&fixture("nl.md")).unwrap_err();
        assert!(err.contains("MP3") || err.contains("audio"), "{err}");
        assert!(duration(Path::new("/nonexistent.mp3")).is_err());
    }
}
