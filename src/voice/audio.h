#pragma once

#include <samantha/speech.h>

// Audio helpers shared by the renderer and the backends.
namespace samantha::voice {

// `audio` without the silence at its ends (samples below -50 dBFS), keeping `margin_ms` of it.
// `trimmed_ms` receives how much was cut from the start.
Audio trim_silence(const Audio& audio, double margin_ms, double& trimmed_ms);

// Raised-cosine fades of `fade_ms` at both ends, so joins never click.
void fade_edges(Audio& audio, double fade_ms);

// Multiplies every sample by 10^(db/20).
void apply_gain(Audio& audio, double db);

} // namespace samantha::voice
