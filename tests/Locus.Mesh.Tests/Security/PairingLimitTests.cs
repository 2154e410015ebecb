using Locus.Mesh.Security;

namespace Locus.Mesh.Tests.Security;

/// <summary>What bounds guessing: lifetime, confirmation timeout, attempt count, single use, one reply per join.</summary>
public sealed class PairingLimitTests : IDisposable
{
    private readonly MeshNode _a = new();
    private readonly MeshNode _b = new();

    [Fact]
    public void Answer_AfterCodeLifetime_Expired()
    {
        var offer = _a.Offer();
        using var join = _b.Join(offer.Code);
        _a.Clock.Advance((long)_a.Options.CodeLifetime.TotalMilliseconds + 1);

        var answer = offer.Answer(join.Hello);

        Assert.Equal(PairingRefusal.Expired, answer.Refusal);
        Assert.Null(answer.Reply);
    }

    [Fact]
    public void Complete_AfterConfirmTimeout_ExpiredAndNothingStored()
    {
        var offer = _a.Offer();
        using var join = _b.Join(offer.Code);
        var answer = offer.Answer(join.Hello);
        var accepted = join.Accept(answer.Reply);
        _a.Clock.Advance((long)_a.Options.ConfirmTimeout.TotalMilliseconds + 1);

        Assert.Equal(PairingRefusal.Expired, answer.Session!.Complete(accepted.Confirm).Refusal);
        Assert.False(_a.Keyring.TryGet(_b.Id, out _));
    }

    [Fact]
    public void Answer_AttemptsUsedUp_CodeBurnedEvenForTheRightCode()
    {
        var offer = _a.Offer();
        for (var i = 0; i < _a.Options.MaxPairingAttempts; i++)
        {
            using var wrong = _b.Join(PairingTests.OtherCode(offer.Code));
            Assert.False(wrong.Accept(offer.Answer(wrong.Hello).Reply).Succeeded);
        }

        using var right = _b.Join(offer.Code);
        var answer = offer.Answer(right.Hello);

        Assert.Equal(PairingRefusal.AttemptsExhausted, answer.Refusal);
        Assert.Contains(_a.Log.Entries, e => e.EventId == 6102 && e.Message.Contains("AttemptsExhausted", StringComparison.Ordinal));
    }

    [Fact]
    public void Answer_CodeAlreadyPairedANode_AlreadyUsed()
    {
        var offer = _a.Offer();
        using (var join = _b.Join(offer.Code))
        {
            var first = offer.Answer(join.Hello);
            first.Session!.Complete(join.Accept(first.Reply).Confirm);
        }

        using var third = new MeshNode();
        Assert.Equal(PairingRefusal.AlreadyUsed, offer.Answer(third.Join(offer.Code).Hello).Refusal);
    }

    [Fact]
    public void Accept_SecondReply_RefusedSoAnImpostorGetsOneGuess()
    {
        var offer = _a.Offer();
        using var join = _b.Join(offer.Code);
        var answer = offer.Answer(join.Hello);
        using var impostor = new MeshNode();
        join.Accept(impostor.Offer().Answer(join.Hello).Reply);

        Assert.Equal(PairingRefusal.AlreadyUsed, join.Accept(answer.Reply).Refusal);
    }

    [Fact]
    public void Answer_OwnHello_SelfPairingRefused()
    {
        var offer = _a.Offer();
        Assert.Equal(PairingRefusal.SelfPairing, offer.Answer(_a.Join(offer.Code).Hello).Refusal);
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 1 })]
    [InlineData(new byte[] { 2, 0, 0, 0 })]
    [InlineData(new byte[] { 1, 3, 1, 2, 3, 3, 1, 2, 3, 16, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 })]
    public void Answer_MalformedHello_RefusedWithoutThrowing(byte[] hello)
    {
        var answer = _a.Offer().Answer(hello);
        Assert.Equal(PairingRefusal.Malformed, answer.Refusal);
        Assert.True(_a.Log.Has(6102));
    }

    [Fact]
    public void Join_EntryThatCannotBeACode_ArgumentException() =>
        Assert.Throws<ArgumentException>(() => _b.Join("1234-567"));

    [Fact]
    public void Complete_SecondConfirmationOnSameSession_RefusedEvenWhenRight()
    {
        var offer = _a.Offer();
        using var join = _b.Join(offer.Code);
        var answer = offer.Answer(join.Hello);
        var right = join.Accept(answer.Reply).Confirm;

        Assert.Equal(PairingRefusal.ConfirmationFailed, answer.Session!.Complete(new PairingConfirm(new byte[32]).Encode()).Refusal);
        Assert.Equal(PairingRefusal.AlreadyUsed, answer.Session.Complete(right).Refusal);
        Assert.False(_a.Keyring.TryGet(_b.Id, out _));
    }

    public void Dispose()
    {
        _a.Dispose();
        _b.Dispose();
    }
}
