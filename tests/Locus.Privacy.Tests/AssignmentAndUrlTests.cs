namespace Locus.Privacy.Tests;

public sealed class AssignmentAndUrlTests
{
    [Theory]
    [InlineData("api_key = \"3f9a1c7e5b2d4f608a1c3e5b7d9f1a2c\"", "secret_assignment", "3f9a1c7e5b2d4f608a1c3e5b7d9f1a2c")]
    [InlineData("{\"client_secret\": \"Qm9vdHN0cmFwU2VjcmV0MjAyNA\"}", "secret_assignment", "Qm9vdHN0cmFwU2VjcmV0MjAyNA")]
    [InlineData("AUTH_TOKEN: 8f2K9xQ4mZ7pL1vR6tY3", "secret_assignment", "8f2K9xQ4mZ7pL1vR6tY3")]
    [InlineData("Authorization: Bearer 8f2K9xQ4mZ7pL1vR6tY3wE5", "secret_assignment", "8f2K9xQ4mZ7pL1vR6tY3wE5")]
    [InlineData("DB_PASSWORD=Summer2024!", "password_assignment", "Summer2024!")]
    [InlineData("spring.datasource.password: 'Tr0ub4dor&3'", "password_assignment", "Tr0ub4dor&3")]
    [InlineData("password := \"correct-horse-battery-staple-42\"", "password_assignment", "correct-horse-battery-staple-42")]
    public void Scan_LabelledSecret_ValueFoundWithoutQuotes(string text, string detector, string value)
    {
        var finding = Findings.Single(text);

        Assert.Equal((detector, value), (finding.Detector, Findings.ValueOf(text, finding)));
    }

    [Theory]
    [InlineData("password: ${DB_PASSWORD}")]
    [InlineData("password: string;")]
    [InlineData("password = os.environ[\"DB_PASSWORD\"]")]
    [InlineData("password = getpass.getpass()")]
    [InlineData("self.password = config.password")]
    [InlineData("password: ********")]
    [InlineData("password = key_password")]
    [InlineData("PWD=/home/dev/project")]
    [InlineData("Pass *ResultPass = Resolver->findImplPass(PI);")]
    [InlineData("api_key: \"{{ vault_api_key }}\"")]
    [InlineData("api_key = \"<your-api-key>\"")]
    [InlineData("sort_key = \"3f9a1c7e5b2d4f608a1c3e5b7d9f1a2c\"")] // not a secret name
    [InlineData("PublicKeyToken=b77a5c561934e089")]
    [InlineData("if password == \"Summer2024!\":")] // comparison, not assignment
    public void Scan_AssignmentLookAlike_NothingFound(string text)
    {
        Assert.Empty(Findings.Scanner.Scan(text));
    }

    [Theory]
    [InlineData("postgres://app:s3cr3t-Pa55@db.internal:5432/orders", "s3cr3t-Pa55")]
    [InlineData("https://user:pass#word@example.com/", "pass#word")]
    [InlineData("redis://:Hx7vQ2mP9@cache.example.com:6379", "Hx7vQ2mP9")]
    [InlineData("see mongodb+srv://admin:Zq3Xh@cluster0.example.net/?retryWrites=true", "Zq3Xh")]
    public void Scan_UrlWithPassword_OnlyPasswordFound(string text, string password)
    {
        var finding = Findings.Single(text);

        Assert.Equal((SensitiveKind.Password, "url_credentials", password), (finding.Kind, finding.Detector, Findings.ValueOf(text, finding)));
    }

    [Theory]
    [InlineData("https://example.com/login?next=/home")]
    [InlineData("ssh://git@github.com/org/repo.git")]
    [InlineData("postgres://app:****@db.example.com/orders")]
    [InlineData("postgres://app:${PG_PASSWORD}@db/orders")]
    [InlineData("http://username:password@host.com:80/path")]
    [InlineData("http://[::1]:8080/v1/models")]
    public void Scan_UrlWithoutRealPassword_NothingFound(string text)
    {
        Assert.Empty(Findings.Scanner.Scan(text));
    }
}
