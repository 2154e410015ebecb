/* Prints sizeof/offsetof of the llama.h structs Locus binds, compiled against the exact header of the native build. */
#include <stddef.h>
#include <stdio.h>
#include "llama.h"

#define SIZE(T) printf("%s %zu\n", #T, sizeof(struct T))
#define OFF(T, F) printf("%s.%s %zu\n", #T, #F, offsetof(struct T, F))

int main(void) {
    SIZE(llama_model_params);
    OFF(llama_model_params, n_gpu_layers); OFF(llama_model_params, load_mode); OFF(llama_model_params, lazy_mode);
    OFF(llama_model_params, main_gpu); OFF(llama_model_params, tensor_split); OFF(llama_model_params, progress_callback);
    OFF(llama_model_params, progress_callback_user_data); OFF(llama_model_params, kv_overrides);
    OFF(llama_model_params, vocab_only); OFF(llama_model_params, use_extra_bufts); OFF(llama_model_params, load_mtp);
    SIZE(llama_context_params);
    OFF(llama_context_params, n_ctx); OFF(llama_context_params, n_batch); OFF(llama_context_params, n_ubatch);
    OFF(llama_context_params, n_seq_max); OFF(llama_context_params, n_threads); OFF(llama_context_params, n_threads_batch);
    OFF(llama_context_params, flash_attn_type); OFF(llama_context_params, rope_freq_base); OFF(llama_context_params, defrag_thold);
    OFF(llama_context_params, cb_eval); OFF(llama_context_params, type_k); OFF(llama_context_params, type_v);
    OFF(llama_context_params, abort_callback); OFF(llama_context_params, abort_callback_data);
    OFF(llama_context_params, embeddings); OFF(llama_context_params, no_perf); OFF(llama_context_params, kv_unified);
    OFF(llama_context_params, samplers); OFF(llama_context_params, n_samplers); OFF(llama_context_params, ctx_other);
    SIZE(llama_batch);
    OFF(llama_batch, token); OFF(llama_batch, logits);
    SIZE(llama_chat_message);
    SIZE(llama_sampler_chain_params);
    SIZE(llama_perf_context_data);
    OFF(llama_perf_context_data, n_p_eval); OFF(llama_perf_context_data, n_reused);
    SIZE(ggml_threadpool_params);
    OFF(ggml_threadpool_params, n_threads); OFF(ggml_threadpool_params, poll); OFF(ggml_threadpool_params, paused);
    return 0;
}
