using System.Numerics;
using System.Runtime.Intrinsics;
using Locus.Llama.Engine;

namespace Locus.Llama.Tests.Confidence;

public sealed class FastExpTests
{
    [Fact]
    public void Exp_AcrossTheClampedRange_WithinTwoMillionthsOfMathExp()
    {
        var worst = 0.0;
        for (var x = -87.0f; x <= 0; x += 0.00731f)
        {
            var exact = Math.Exp(x);
            var portable = FastExp.Exp(new Vector<float>(x))[0];
            var wide = FastExp.Exp(Vector512.Create(x))[0];
            worst = Math.Max(worst, Math.Max(Math.Abs(portable - exact), Math.Abs(wide - exact)) / exact);
        }

        Assert.True(worst < 2e-6, $"worst relative error {worst:E2}");
    }
}
