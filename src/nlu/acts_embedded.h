#pragma once

#include <string_view>

// The dialogue-act model, embedded in the library by CMake (samantha_embed_binary in
// src/nlu/CMakeLists.txt).
namespace samantha::nlu::acts_model_file {

std::string_view model(); // src/nlu/models/acts.bin; empty when the file was absent at configure

} // namespace samantha::nlu::acts_model_file
