#pragma once

#include <string_view>

// The risk reading's data, embedded in the library by CMake (samantha_embed and
// samantha_embed_binary in src/nlu/CMakeLists.txt).
namespace samantha::nlu::risk_concept_files {

std::string_view english(); // src/nlu/risk/concepts_en.txt
std::string_view korean();  // src/nlu/risk/concepts_ko.txt

} // namespace samantha::nlu::risk_concept_files

namespace samantha::nlu::risk_model_file {

std::string_view model(); // src/nlu/models/risk.bin; empty when the file was absent at configure

} // namespace samantha::nlu::risk_model_file
