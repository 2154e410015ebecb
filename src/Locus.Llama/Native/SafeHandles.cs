using Microsoft.Win32.SafeHandles;

namespace Locus.Llama.Native;

/// <summary>Owns a <c>llama_model*</c>.</summary>
internal sealed class SafeModelHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public SafeModelHandle()
        : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle()
    {
        LlamaApi.FreeModel(handle);
        return true;
    }
}

/// <summary>Owns a <c>llama_context*</c> and keeps its model alive for as long as it lives.</summary>
internal sealed class SafeContextHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    private SafeModelHandle? _model;

    public SafeContextHandle()
        : base(ownsHandle: true)
    {
    }

    /// <summary>Called once right after creation: the context holds a reference on the model's handle.</summary>
    internal void KeepAlive(SafeModelHandle model)
    {
        var added = false;
        model.DangerousAddRef(ref added);
        _model = model;
    }

    protected override bool ReleaseHandle()
    {
        LlamaApi.FreeContext(handle);
        _model?.DangerousRelease();
        return true;
    }
}

/// <summary>Owns a <c>llama_sampler*</c> chain (which owns the samplers added to it).</summary>
internal sealed class SafeSamplerHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public SafeSamplerHandle()
        : base(ownsHandle: true)
    {
    }

    /// <summary>Takes ownership of a sampler made by a llama_sampler_init_* function that is not put in a chain.</summary>
    public SafeSamplerHandle(IntPtr sampler)
        : base(ownsHandle: true) => SetHandle(sampler);

    protected override bool ReleaseHandle()
    {
        LlamaApi.FreeSampler(handle);
        return true;
    }
}

/// <summary>Owns a <c>ggml_threadpool*</c>; freed through the CPU backend's own entry point (it lives in a plugin).</summary>
internal sealed unsafe class SafeThreadpoolHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    private readonly IntPtr _free;

    public SafeThreadpoolHandle(IntPtr pool, IntPtr free)
        : base(ownsHandle: true)
    {
        SetHandle(pool);
        _free = free;
    }

    protected override bool ReleaseHandle()
    {
        ((delegate* unmanaged<IntPtr, void>)_free)(handle);
        return true;
    }
}
