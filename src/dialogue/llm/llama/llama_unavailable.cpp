// The factory when Samantha is built without llama.cpp (SAMANTHA_WITH_LLAMA=OFF).
#include <samantha/language_model.h>

namespace samantha {

Result<std::unique_ptr<LanguageModel>> make_llama_language_model(const LlamaConfig& config) {
    (void)config;
    return make_error(ErrorCode::Unsupported,
                      "llama: this Samantha was built without llama.cpp (run tools/build_llama.sh, "
                      "then rebuild)");
}

Result<LlmThroughput> measure_llama_throughput(const LlamaConfig& config,
                                               int prompt_tokens,
                                               int gen_tokens,
                                               int repetitions) {
    (void)config;
    (void)prompt_tokens;
    (void)gen_tokens;
    (void)repetitions;
    return make_error(ErrorCode::Unsupported, "llama: this Samantha was built without llama.cpp");
}

} // namespace samantha
