using System.Runtime.InteropServices;

namespace Locus.Llama.Native;

/// <summary>One prebuilt llama.cpp distribution: the npm package that carries it and the folder inside it.</summary>
internal sealed record NativePackage(string Rid, string NpmPackage, string Version, string BinsFolder, string? Integrity, string Note);

/// <summary>
/// The prebuilt llama.cpp builds Locus knows, by runtime identifier. All come from node-llama-cpp 3.22.1's
/// platform packages (llama.cpp v0.5.0). Integrity is pinned where it was verified; only linux-x64 is exercised here.
/// </summary>
internal static class NativePackages
{
    public const string Version = "3.22.1";

    public static IReadOnlyList<NativePackage> All { get; } =
    [
        new("linux-x64", "@node-llama-cpp/linux-x64", Version, "bins/linux-x64",
            "sha512-5uCCDNqWCNfaAm8aR/Uzxbo4HBpKgNF91kCHPepKhgMgV2OAmatoefbOlMihsqCiH2Od35E/eUHQCFbfRBJuOg==", "CPU (AVX/AVX2/AVX-512/AMX variants)"),
        new("linux-x64-cuda", "@node-llama-cpp/linux-x64-cuda", Version, "bins/linux-x64-cuda",
            "sha512-8rQCjyNNLZJUFit+YpjwlC4hwkKgOMIkB2wuycKBf8NU2O3ySKbiWZQ8aw9ku2nUTXjSnUIrE6KB88itduTBuA==", "NVIDIA CUDA"),
        new("linux-x64-vulkan", "@node-llama-cpp/linux-x64-vulkan", Version, "bins/linux-x64-vulkan",
            "sha512-bBxqU+JOcBu1nb5Qj2zcMci+JByT1E8EajHvYodyNfVIPkEhXh+/HMwR1/BT7xP08YK0hks+kM8fglER0P8JEg==", "Vulkan GPUs"),
        new("linux-arm64", "@node-llama-cpp/linux-arm64", Version, "bins/linux-arm64",
            "sha512-W+7naKCXX9/eEjjFmRS8vvx91QyLXDbeFxexZc3bh/PtQABZgmRL3C0AtYYXn4YGTj/3Qor4lWZn2tpjZFPLdQ==", "ARM64 CPU"),
        new("linux-arm", "@node-llama-cpp/linux-armv7l", Version, "bins/linux-armv7l",
            "sha512-v/pHg4BcQHRDna+YYq4vWp44HCFluar4hAiB732Pa5PF89flMXhHSku68tQn+25RJjuc3TtoeY/i57WnX9GrdQ==", "ARMv7 CPU"),
        new("osx-arm64", "@node-llama-cpp/mac-arm64-metal", Version, "bins/mac-arm64-metal", null, "Apple Silicon, Metal"),
        new("osx-x64", "@node-llama-cpp/mac-x64", Version, "bins/mac-x64", null, "Intel Mac CPU"),
        new("win-x64", "@node-llama-cpp/win-x64", Version, "bins/win-x64", null, "Windows x64 CPU"),
        new("win-x64-cuda", "@node-llama-cpp/win-x64-cuda", Version, "bins/win-x64-cuda", null, "Windows NVIDIA CUDA"),
        new("win-x64-vulkan", "@node-llama-cpp/win-x64-vulkan", Version, "bins/win-x64-vulkan", null, "Windows Vulkan GPUs"),
        new("win-arm64", "@node-llama-cpp/win-arm64", Version, "bins/win-arm64", null, "Windows ARM64 CPU"),
    ];

    /// <summary>The CPU package for this process's platform (GPU variants are opt-in via llama.native_dir).</summary>
    public static NativePackage? ForCurrentPlatform() => ForRid(RuntimeInformation.RuntimeIdentifier);

    public static NativePackage? ForRid(string rid) => All.FirstOrDefault(p => p.Rid == rid);
}
