// Model files: the curated catalog, the local list, and downloads with resume and checksum
// (http/, OpenSSL's SHA-256).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <memory>

#include <fmt/format.h>
#include <openssl/evp.h>
#include <samantha/models.h>

#include "http/client.h"

namespace samantha {

const std::vector<CatalogModel>& model_catalog() {
    // Korean-capable instruct models of 1.5–4B parameters, Q4_K_M, from their publishers' GGUF
    // repositories. Checksums are not pinned here: pass --sha256 to verify a download.
    static const std::vector<CatalogModel> catalog = {
        {"qwen2.5-1.5b-instruct",
         "https://huggingface.co/Qwen/Qwen2.5-1.5B-Instruct-GGUF/resolve/main/"
         "qwen2.5-1.5b-instruct-q4_k_m.gguf",
         "qwen2.5-1.5b-instruct-q4_k_m.gguf",
         "Qwen2.5 1.5B Instruct, Q4_K_M (about 1.1 GB): fast, fair Korean"},
        {"qwen2.5-3b-instruct",
         "https://huggingface.co/Qwen/Qwen2.5-3B-Instruct-GGUF/resolve/main/"
         "qwen2.5-3b-instruct-q4_k_m.gguf",
         "qwen2.5-3b-instruct-q4_k_m.gguf",
         "Qwen2.5 3B Instruct, Q4_K_M (about 2.1 GB): good English and Korean"},
        {"exaone-3.5-2.4b-instruct",
         "https://huggingface.co/LGAI-EXAONE/EXAONE-3.5-2.4B-Instruct-GGUF/resolve/main/"
         "EXAONE-3.5-2.4B-Instruct-Q4_K_M.gguf",
         "exaone-3.5-2.4b-instruct-q4_k_m.gguf",
         "EXAONE 3.5 2.4B Instruct, Q4_K_M (about 1.6 GB): made for Korean (check its licence)"},
        {"gemma-2-2b-it",
         "https://huggingface.co/bartowski/gemma-2-2b-it-GGUF/resolve/main/"
         "gemma-2-2b-it-Q4_K_M.gguf",
         "gemma-2-2b-it-q4_k_m.gguf",
         "Gemma 2 2B Instruct, Q4_K_M (about 1.7 GB)"},
        // Speech recognisers for `samantha transcribe` (docs/hearing.md): whisper.cpp's ggml
        // models, multilingual (Korean included).
        {"whisper-base",
         "https://huggingface.co/ggerganov/whisper.cpp/resolve/main/ggml-base.bin",
         "ggml-base.bin",
         "whisper base (about 148 MB): speech recognition, fast, fair Korean"},
        {"whisper-small",
         "https://huggingface.co/ggerganov/whisper.cpp/resolve/main/ggml-small.bin",
         "ggml-small.bin",
         "whisper small (about 488 MB): speech recognition, good Korean"},
        {"whisper-large-v3-turbo",
         "https://huggingface.co/ggerganov/whisper.cpp/resolve/main/ggml-large-v3-turbo.bin",
         "ggml-large-v3-turbo.bin",
         "whisper large-v3 turbo (about 1.6 GB): speech recognition, the best"},
    };
    return catalog;
}

std::vector<LocalModel> list_models(const std::filesystem::path& data_dir) {
    std::vector<LocalModel> out;
    std::error_code ec;
    const auto dir = data_dir / "models";
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
        if (entry.path().extension() == ".gguf" && entry.is_regular_file(ec)) {
            out.push_back(LocalModel{.name = entry.path().stem().string(),
                                     .path = entry.path(),
                                     .bytes = entry.file_size(ec)});
        }
    }
    std::sort(out.begin(), out.end(), [](const LocalModel& a, const LocalModel& b) {
        std::error_code e;
        return std::filesystem::last_write_time(a.path, e) >
               std::filesystem::last_write_time(b.path, e);
    });
    return out;
}

Result<std::string> sha256_of_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        return make_error(ErrorCode::Io, fmt::format("cannot read '{}'", path.string()));
    }
    std::unique_ptr<EVP_MD_CTX, void (*)(EVP_MD_CTX*)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
    EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr);
    std::vector<char> buffer(1 << 20);
    while (in) {
        in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
        EVP_DigestUpdate(ctx.get(), buffer.data(), static_cast<std::size_t>(in.gcount()));
    }
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    EVP_DigestFinal_ex(ctx.get(), digest, &length);
    std::string hex;
    for (unsigned int i = 0; i < length; ++i) {
        hex += fmt::format("{:02x}", digest[i]);
    }
    return hex;
}

namespace {

struct FileClose {
    void operator()(std::FILE* file) const { std::fclose(file); }
};

std::string file_name_of(const std::string& url) {
    std::string name = url.substr(url.find_last_of('/') + 1);
    name = name.substr(0, name.find_first_of("?#"));
    return name.ends_with(".gguf") ? name : name + ".gguf";
}

// Appends the body of `url` from byte `offset` on to `partial` (a resumed download when offset
// is not 0) and returns the final status, below 400.
Result<int> download(const std::string& url,
                     const std::filesystem::path& partial,
                     std::uint64_t offset,
                     const PullProgress& progress) {
    std::unique_ptr<std::FILE, FileClose> out(
        std::fopen(partial.c_str(), offset > 0 ? "ab" : "wb"));
    if (!out) {
        return make_error(ErrorCode::Io,
                          fmt::format("model pull: cannot write '{}'", partial.string()));
    }
    bool cancelled = false;
    bool unwritten = false;
    const auto response = http::stream(
        http::Request{.method = http::Method::Get,
                      .url = url,
                      .connect_timeout = std::chrono::seconds(15),
                      .resume_from = offset,
                      .redirects = http::Redirects::Follow,
                      .error_body = http::ErrorBody::Drop},
        [&](std::string_view bytes) {
            unwritten = std::fwrite(bytes.data(), 1, bytes.size(), out.get()) != bytes.size();
            return !unwritten;
        },
        {},
        [&](std::uint64_t now, std::uint64_t total) {
            // The whole file's progress, counting what an earlier attempt left on disk.
            if (progress && !progress(offset + now, total > 0 ? offset + total : 0)) {
                cancelled = true;
                return false;
            }
            return true;
        });
    out.reset(); // closed before anything reads the file
    if (cancelled) {
        return make_error(ErrorCode::Cancelled, "model pull: cancelled; run it again to resume");
    }
    if (response && response->status < 400) {
        return response->status;
    }
    std::error_code ec;
    if ((!response && response.error().code == ErrorCode::Conflict) ||
        (response && response->status == 416)) {
        std::filesystem::remove(partial, ec); // the server cannot resume: start over next time
    }
    std::string why = fmt::format("cannot write '{}'", partial.string());
    if (!unwritten) {
        why = response ? fmt::format("{} answered HTTP {}", url, response->status)
                       : response.error().message;
    }
    return make_error(ErrorCode::Unavailable,
                      fmt::format("model pull: {} (Samantha keeps talking with the builtin "
                                  "composer; run it again to resume)",
                                  why));
}

} // namespace

Result<std::filesystem::path> pull_model(const std::string& name_or_url,
                                         const std::filesystem::path& data_dir,
                                         const std::string& sha256,
                                         const PullProgress& progress) {
    std::string url;
    std::string file;
    const auto& catalog = model_catalog();
    const auto known = std::find_if(catalog.begin(), catalog.end(), [&](const CatalogModel& m) {
        return m.name == name_or_url;
    });
    if (known != catalog.end()) {
        url = known->url;
        file = known->file;
    } else if (http::is_http_url(name_or_url)) {
        url = name_or_url;
        file = file_name_of(url);
    } else {
        std::string names;
        for (const auto& m : catalog) {
            names += (names.empty() ? "" : ", ") + m.name;
        }
        return make_error(
            ErrorCode::InvalidArgument,
            fmt::format("model pull: '{}' is neither a known model ({}) nor an http(s) URL",
                        name_or_url,
                        names));
    }
    std::error_code ec;
    const auto dir = data_dir / "models";
    std::filesystem::create_directories(dir, ec);
    if (ec) {
        return make_error(
            ErrorCode::Io,
            fmt::format("model pull: cannot create '{}': {}", dir.string(), ec.message()));
    }
    const auto target = dir / file;
    const auto partial = dir / (file + ".part");
    const std::uint64_t offset =
        std::filesystem::exists(partial, ec) ? std::filesystem::file_size(partial, ec) : 0;
    const auto status = download(url, partial, offset, progress);
    if (!status) {
        return status.error();
    }
    if (offset > 0 && *status == 200) {
        // The server ignored the range and sent the whole file after our partial one: keep the
        // tail it sent as the new file.
        const auto size = std::filesystem::file_size(partial, ec);
        std::ifstream in(partial, std::ios::binary);
        in.seekg(static_cast<std::streamoff>(offset));
        std::string rest((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        in.close();
        std::ofstream(partial, std::ios::binary | std::ios::trunc) << rest;
        (void)size;
    }
    if (!sha256.empty()) {
        auto actual = sha256_of_file(partial);
        if (!actual) {
            return actual.error();
        }
        if (*actual != sha256) {
            std::filesystem::remove(partial, ec);
            return make_error(
                ErrorCode::Conflict,
                fmt::format("model pull: {} has SHA-256 {}, expected {}; the file was removed",
                            file,
                            *actual,
                            sha256));
        }
    }
    std::filesystem::rename(partial, target, ec);
    if (ec) {
        return make_error(ErrorCode::Io,
                          fmt::format("model pull: cannot move '{}' into place: {}",
                                      target.string(),
                                      ec.message()));
    }
    return target;
}

} // namespace samantha
