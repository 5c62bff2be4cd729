#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include <samantha/result.h>

namespace samantha {

// A model Samantha knows how to fetch: Korean-capable instruct models of 1.5–4B parameters (GGUF),
// and whisper speech recognisers (ggml-*.bin, docs/hearing.md).
struct CatalogModel {
    std::string name; // "qwen2.5-3b-instruct"
    std::string url;  // where the GGUF is published
    std::string file; // the file name it is saved as
    std::string description;
};

// The curated list (`samantha model pull NAME`).
const std::vector<CatalogModel>& model_catalog();

// A GGUF in the data directory's models/ folder.
struct LocalModel {
    std::string name; // the file name without .gguf
    std::filesystem::path path;
    std::uintmax_t bytes = 0;
};

// The models under `data_dir`/models, newest first. An absent folder is an empty list.
std::vector<LocalModel> list_models(const std::filesystem::path& data_dir);

// Called with bytes received so far and the total (0 when unknown); returning false cancels.
using PullProgress = std::function<bool(std::uint64_t received, std::uint64_t total)>;

// Downloads a catalog model (by name) or any http(s) URL into `data_dir`/models: resumes a
// partial download (.part) with an HTTP range request, checks the SHA-256 when `sha256` is given
// (lower-case hex), and renames the file into place only when it is whole. Errors say what failed
// and leave the .part file for the next attempt: Unavailable (no network, refused, HTTP error),
// InvalidArgument (an unknown name or a bad URL), Conflict (the checksum does not match: the
// file is removed), Cancelled, Io.
Result<std::filesystem::path> pull_model(const std::string& name_or_url,
                                         const std::filesystem::path& data_dir,
                                         const std::string& sha256,
                                         const PullProgress& progress);

// The lower-case hex SHA-256 of a file (Io when it cannot be read).
Result<std::string> sha256_of_file(const std::filesystem::path& path);

} // namespace samantha
