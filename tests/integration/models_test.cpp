// `samantha model pull`: downloads from a loopback server, with resume and checksum, and a clean
// failure without network.
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>
#include <samantha/models.h>

#include "fakes/fake_clock.h"
#include "fakes/fake_openai_server.h"

namespace samantha {
namespace {

using testing::Behaviour;

std::string read(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

std::string payload() {
    std::string data = "GGUF";
    for (int i = 0; i < 200000; ++i) {
        data += static_cast<char>('a' + i % 26);
    }
    return data;
}

TEST(ModelPull, DownloadsChecksAndLists) {
    testing::FakeOpenAiServer server;
    testing::TempDir data;
    const std::string file = payload();
    server.script({Behaviour{.kind = Behaviour::Kind::File, .body = file}});
    const std::string url = server.url() + "/models/tiny-test.gguf";
    // The checksum of the same bytes, computed independently through a temporary file.
    const auto reference = std::filesystem::path(data.path()) / "reference";
    std::ofstream(reference, std::ios::binary) << file;
    const auto sha = sha256_of_file(reference);
    ASSERT_TRUE(sha);
    EXPECT_EQ(sha->size(), 64U);
    std::uint64_t last = 0;
    auto path = pull_model(url, data.path(), *sha, [&](std::uint64_t got, std::uint64_t) {
        last = got;
        return true;
    });
    ASSERT_TRUE(path) << path.error().message;
    EXPECT_TRUE(read(*path) == file) << "the downloaded file differs from the original";
    EXPECT_EQ(last, file.size());
    const auto models = list_models(data.path());
    ASSERT_EQ(models.size(), 1U);
    EXPECT_EQ(models[0].name, "tiny-test");
    EXPECT_EQ(models[0].bytes, file.size());
}

TEST(ModelPull, ResumesAnInterruptedDownload) {
    testing::FakeOpenAiServer server;
    testing::TempDir data;
    const std::string file = payload();
    server.script({Behaviour{.kind = Behaviour::Kind::Truncated, .body = file},
                   Behaviour{.kind = Behaviour::Kind::File, .body = file}});
    const std::string url = server.url() + "/m.gguf";
    auto first = pull_model(url, data.path(), "", {});
    ASSERT_FALSE(first);
    EXPECT_EQ(first.error().code, ErrorCode::Unavailable);
    EXPECT_TRUE(list_models(data.path()).empty()) << "a partial file is never listed";
    std::error_code ec;
    EXPECT_EQ(std::filesystem::file_size(
                  std::filesystem::path(data.path()) / "models" / "m.gguf.part", ec),
              file.size() / 2);
    auto second = pull_model(url, data.path(), "", {});
    ASSERT_TRUE(second) << second.error().message;
    const std::string got = read(*second);
    EXPECT_EQ(got.size(), file.size());
    EXPECT_TRUE(got == file) << "the resumed file differs from the original";
    const auto received = server.received();
    ASSERT_EQ(received.size(), 2U);
    EXPECT_NE(received[1].headers.find("Range: bytes=" + std::to_string(file.size() / 2) + "-"),
              std::string::npos)
        << received[1].headers;
}

TEST(ModelPull, AWrongChecksumRemovesTheFile) {
    testing::FakeOpenAiServer server;
    testing::TempDir data;
    server.script({Behaviour{.kind = Behaviour::Kind::File, .body = payload()}});
    auto path = pull_model(server.url() + "/m.gguf", data.path(), std::string(64, '0'), {});
    ASSERT_FALSE(path);
    EXPECT_EQ(path.error().code, ErrorCode::Conflict);
    EXPECT_TRUE(list_models(data.path()).empty());
}

TEST(ModelPull, FailsCleanlyWithoutANetwork) {
    testing::TempDir data;
    std::string url;
    {
        testing::FakeOpenAiServer closed;
        url = closed.url() + "/m.gguf";
    }
    auto path = pull_model(url, data.path(), "", {});
    ASSERT_FALSE(path);
    EXPECT_EQ(path.error().code, ErrorCode::Unavailable);
    EXPECT_NE(path.error().message.find("builtin composer"), std::string::npos);
    auto unknown = pull_model("no-such-model", data.path(), "", {});
    ASSERT_FALSE(unknown);
    EXPECT_EQ(unknown.error().code, ErrorCode::InvalidArgument);
    EXPECT_FALSE(model_catalog().empty());
}

} // namespace
} // namespace samantha
