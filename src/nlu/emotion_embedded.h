#pragma once

#include <string_view>

// The emotion models, embedded in the library by CMake (samantha_embed_binary in
// src/nlu/CMakeLists.txt); each is empty when its file was absent at configure time.
namespace samantha::nlu::emotion_model_files {

std::string_view english(); // src/nlu/models/emotion_en.bin
std::string_view korean();  // src/nlu/models/emotion_ko.bin

} // namespace samantha::nlu::emotion_model_files
