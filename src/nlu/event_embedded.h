#pragma once

#include <string_view>

// The event lexicon, embedded in the library by CMake (samantha_embed in src/nlu/CMakeLists.txt).
namespace samantha::nlu::event_lexicon_file {

std::string_view lexicon(); // src/nlu/event/lexicon.txt

} // namespace samantha::nlu::event_lexicon_file
