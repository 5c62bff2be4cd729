// A build without whisper.cpp: the recogniser says so, and how to add it.

#include <samantha/hearing.h>

namespace samantha {

bool whisper_available() {
    return false;
}

Result<std::unique_ptr<SpeechRecognizer>> make_whisper_recognizer(const WhisperConfig& /*config*/) {
    return make_error(ErrorCode::Unavailable,
                      "whisper: this build has no whisper.cpp (run tools/build_whisper.sh and "
                      "configure again)");
}

} // namespace samantha
