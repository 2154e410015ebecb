using System.Text;

namespace Locus.Testing;

/// <summary>
/// Synthetic secrets and personal data for privacy tests: valid by each format's rules (checksums included) but freshly
/// generated from a seed, never real. Also prompts that embed them, and look-alikes that must not be flagged.
/// </summary>
public static class PlantedSecrets
{
    private const string Upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private const string Lower = "abcdefghijklmnopqrstuvwxyz";
    private const string Digits = "0123456789";
    private const string Alnum = Upper + Lower + Digits;
    private const string UrlSafe = Alnum + "-_";
    private const string Base64 = Alnum + "+/";

    /// <summary>At least one value per detector id (several formats for some), each with a sentence that carries it.</summary>
    public static IReadOnlyList<PlantedSecret> All(int seed = 42)
    {
        var random = new Random(seed);
        return Plantings.SelectMany(make => make(random).Values).ToList();
    }

    /// <summary>
    /// <paramref name="n"/> prompts of ordinary prose and code, each with 1-4 planted values; with n at least the number
    /// of plantings every detector occurs at least once. <see cref="PlantedPrompt.Values"/> lists exactly what was planted.
    /// </summary>
    public static IReadOnlyList<PlantedPrompt> Prompts(int n, int seed = 42)
    {
        var random = new Random(seed);
        var prompts = new List<PlantedPrompt>(n);
        for (var i = 0; i < n; i++)
        {
            var plantings = new List<Planting> { Plantings[i % Plantings.Length](random) };
            var extra = random.Next(0, 4);
            for (var e = 0; e < extra; e++)
            {
                plantings.Add(Plantings[random.Next(Plantings.Length)](random));
            }

            var blocks = plantings.Select(p => p.Context).ToList();
            foreach (var filler in Fillers.OrderBy(_ => random.Next()).Take(random.Next(1, 4)))
            {
                blocks.Insert(random.Next(blocks.Count + 1), filler);
            }

            prompts.Add(new PlantedPrompt(string.Join("\n\n", blocks), plantings.SelectMany(p => p.Values).ToList()));
        }

        return prompts;
    }

    /// <summary>Text that looks like a secret or personal data to a careless detector, with a label for a table.</summary>
    public static IReadOnlyList<(string Label, string Text)> LookAlikes() =>
    [
        ("UUID", "Request 550e8400-e29b-41d4-a716-446655440000 failed"),
        ("UUID, upper case", "CorrelationId: 550E8400-E29B-41D4-A716-446655440000"),
        ("git SHA-1", "fixed in commit 3f786850e387550fdab836ed7e6dc881de23001b"),
        ("short git SHA", "cherry-pick a1b2c3d onto main"),
        ("SHA-256 hex", "sha256sum: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08  model.gguf"),
        ("Docker digest", "nginx@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31"),
        ("SRI hash", "integrity=\"sha384-oqVuAfXRKap7fdgcCY5uykM6+R9GqQ8K/uxy9rx7HNQlGYl1kPzQho1wx4JwY8wC\""),
        ("go.sum hash", "golang.org/x/text v0.14.0 h1:ScX5w1eTa3QqT8oi6+ziP7dTV1S2+ALU0bI+0zXKWiQ="),
        ("SSH public key", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl dev@laptop"),
        ("Ethereum address", "send to 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"),
        ("SemVer", "upgrade to 2.14.0-rc.1+build.20240315"),
        ("Version list", "Python 3.11.4, Node 20.11.1, .NET 10.0.100, llama.cpp b4567"),
        ("Version range", "requires >=1.2.3,<2.0.0"),
        ("ISO date", "released on 2024-03-15"),
        ("European date and time", "Termin am 15.03.2024 um 14:30, oder 15/03/2024 14:30"),
        ("Timestamp", "2024-03-15T10:42:17.123Z INFO started"),
        ("Date range", "fiscal year 2023-2024, Q1 01.01.2024 - 31.03.2024"),
        ("IPv4 with port", "listening on 192.168.100.200:8080 and 10.0.0.1"),
        ("IPv6", "2001:0db8:85a3:0000:0000:8a2e:0370:7334"),
        ("Order number", "Order #1234567890 shipped"),
        ("Invoice number", "INV-2024-000123 is overdue"),
        ("Bare 10-digit run", "reference 4155552671 in the ticket"),
        ("Bare 9-digit run (BSN-valid, no label)", "ticket 111222333 closed"),
        ("Bare 12-digit run", "account 123456789012 in us-east-1"),
        ("AWS ARN", "arn:aws:iam::123456789012:role/Admin"),
        ("Luhn-invalid Visa-shaped", "card 4111 1111 1111 1112"),
        ("Luhn-invalid 16 digits", "tracking 5500000000000005"),
        ("Luhn-valid, unknown IIN", "serial 9111 1111 1111 1118"),
        ("IBAN, bad checksum", "IBAN DE88 3704 0044 0532 0130 00"),
        ("IBAN, zero check digits", "IBAN DE00370400440532013000"),
        ("IBAN, wrong length", "IBAN DE89 3704 0044 0532 0130"),
        ("IBAN, unknown country", "QX89 3704 0044 0532 0130 00"),
        ("SSN, area 000", "000-12-3456"),
        ("SSN, area 666", "666-12-3456"),
        ("SSN, area 9xx", "912-34-5678"),
        ("SSN, group 00", "123-00-4567"),
        ("SSN, serial 0000", "123-45-0000"),
        ("NINO, documentation prefix QQ", "QQ 12 34 56 C"),
        ("NINO, suffix E", "AB123456E"),
        ("Aadhaar, bad Verhoeff", "2345 6789 0123"),
        ("DNI, wrong letter", "12345678A"),
        ("Country code alone", "dial +49 first, then 0"),
        ("Arithmetic", "2 + 2 = 4 and 10 - 3 = 7, 1+12345678901"),
        ("ISBN", "ISBN 978-3-16-148410-0"),
        ("Coordinates", "52.5200, 13.4050"),
        ("Money", "EUR 1.299,00 or $1,234,567.89"),
        ("Opening hours", "open 09:00-17:30, Mon-Fri"),
        ("ZIP+4", "Beverly Hills, CA 90210-1234"),
        ("Decimals", "weights 0.5 0.25 0.125 0.0625"),
        ("Base64 PNG data URI", "<img src=\"data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==\">"),
        ("Base64 JPEG data URI", "url(data:image/jpeg;base64,/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAAMCAgMCAgMDAwMEAwMEBQgFBQQEBQoHBgYHBgUKCgkLDQ)"),
        ("Base64 WebP data URI", "data:image/webp;base64,UklGRiQAAABXRUJQVlA4IBgAAAAwAQCdASoBAAEAAwA0JaQAA3AA/vuUAAA="),
        ("camelCase identifier", "var x = getUserAccountByIdentifier2(id);"),
        ("PascalCase identifier", "class AbstractSingletonProxyFactoryBean2 {}"),
        ("Identifier with digits", "K8sClusterAutoscalerConfigV1beta2 and MyHttpClientFactoryV2Impl123"),
        ("snake_case", "max_retry_backoff_seconds_v2 = 30"),
        ("Constant", "ERROR_HTTP2_PROTOCOL_VIOLATION_Retry"),
        ("Test name", "Scan_TwoKilobytePrompt_CompletesUnder50Microseconds"),
        ("Unix path", "/usr/local/lib/python3.11/site-packages/numpy/core/_multiarray_umath.cpython-311-x86_64-linux-gnu.so"),
        ("Windows path", "C:\\Users\\JaneDoe\\Projects2024\\Locus\\src\\Program.cs"),
        ("URL", "https://github.com/locus-ai/locus/blob/5f3c2e1a9b7d/src/Locus.Privacy/Detectors/JwtDetector.cs#L42"),
        ("URL with query", "https://example.com/search?q=privacy+redaction&page=2&sort=relevance"),
        ("URL with user, no password", "ssh://git@github.com/org/repo.git"),
        ("URL with masked password", "postgres://app:****@db.example.com/orders"),
        ("URL with password placeholder", "redis://default:${REDIS_PASSWORD}@cache:6379"),
        ("SSH remote", "git@github.com:locus-ai/locus.git"),
        ("npm scope and version", "@types/node@20.11.5"),
        ("Retina asset", "logo@2x.png"),
        ("Decorator", "@app.route('/health') and @Override"),
        ("user@localhost", "psql -U postgres@localhost"),
        ("Mention", "thanks @jane-doe and @dev_team"),
        ("Password reference", "password: ${DB_PASSWORD}"),
        ("Password type annotation", "password: string;"),
        ("Password from environment", "password = os.environ[\"DB_PASSWORD\"]"),
        ("Password from call", "password = getpass.getpass()"),
        ("Masked password", "password: ********"),
        ("Password prose", "Password: must be at least 12 characters"),
        ("Key prose", "the key idea: tokens are cheap"),
        ("Placeholder API key", "OPENAI_API_KEY=sk-your-key-here"),
        ("Template API key", "api_key: \"{{ vault_api_key }}\""),
        ("sk-learn", "we use sk-learn pipelines, i.e. scikit-learn"),
        ("hf_hub_download", "from huggingface_hub import hf_hub_download"),
        ("Shouted words after ASIA", "ASIAPACIFICREGION2 SUMMIT"),
        ("JWT-shaped, header without alg", JwtShapedWithoutAlg()),
        ("Kubernetes pod", "web-7d4b9c8f5-x2k9p restarted"),
        ("CSS color", "color: #1a2b3c; background: #FFF"),
        ("Big number", "1,234,567,890 requests"),
        ("Scientific notation", "6.02214076e23"),
    ];

    private delegate Planting Plant(Random random);

    private sealed record Planting(string Context, IReadOnlyList<PlantedSecret> Values)
    {
        /// <param name="template">The sentence, with <c>{0}</c> where the value goes.</param>
        public static Planting One(string value, string kind, string detector, string template)
        {
            var context = template.Replace("{0}", value, StringComparison.Ordinal);
            return new(context, [new PlantedSecret(value, kind, detector) { Context = context }]);
        }
    }

    private static readonly Plant[] Plantings =
    [
        r => Planting.One("sk-proj-" + Pick(r, UrlSafe, 156), "ApiKey", "openai_api_key",
            "Here is my OpenAI key {0} - please check why it returns 401."),
        r => Planting.One("sk-" + Pick(r, Alnum, 20) + "T3BlbkFJ" + Pick(r, Alnum, 20), "ApiKey", "openai_api_key",
            "old_config.py still has {0} hard-coded in it."),
        r => Planting.One("sk-ant-api03-" + Pick(r, UrlSafe, 93) + "AA", "ApiKey", "anthropic_api_key", "ANTHROPIC_API_KEY={0}"),
        r => Planting.One("sk-or-v1-" + Pick(r, "0123456789abcdef", 64), "ApiKey", "openrouter_api_key",
            "I set the OpenRouter key to {0} in my shell profile."),
        Aws,
        r => Planting.One("ghp_" + Pick(r, Alnum, 36), "ApiKey", "github_token",
            "git clone https://{0}@github.com/acme/internal-tools.git"),
        r => Planting.One("github_pat_" + Pick(r, Alnum, 22) + "_" + Pick(r, Alnum, 59), "ApiKey", "github_token",
            "The release workflow reads {0} from the runner."),
        r => Planting.One($"xoxb-{Pick(r, Digits, 12)}-{Pick(r, Digits, 13)}-{Pick(r, Alnum, 24)}", "ApiKey", "slack_token",
            "Slack bot token: {0}"),
        r => Planting.One("AIza" + Pick(r, UrlSafe, 35), "ApiKey", "google_api_key", "const mapsKey = \"{0}\";"),
        r => Planting.One("sk_live_" + Pick(r, Alnum, 24), "ApiKey", "stripe_secret_key", "Stripe.apiKey = \"{0}\";"),
        r => Planting.One("hf_" + Pick(r, Upper + Lower, 34), "ApiKey", "huggingface_token", "huggingface-cli login --token {0}"),
        r => Planting.One("glpat-" + Pick(r, UrlSafe, 20), "ApiKey", "gitlab_token",
            "curl --header \"PRIVATE-TOKEN: {0}\" https://gitlab.example.com/api/v4/projects"),
        r => Planting.One(GeneratedToken(r, 32, Alnum), "ApiKey", "secret_assignment", "client_secret = \"{0}\""),
        r => Planting.One(Password(r), "Password", "password_assignment", "DB_PASSWORD={0}"),
        r => Planting.One(Password(r), "Password", "url_credentials",
            "DATABASE_URL=postgres://orders_app:{0}@db.internal.example.com:5432/orders"),
        r => Planting.One(PrivateKey(r), "PrivateKey", "private_key", "Why does ssh reject this key?\n{0}\nIt worked yesterday."),
        r => Planting.One(Jwt(r), "Jwt", "jwt", "Authorization: Bearer {0}"),
        r => Planting.One(GeneratedToken(r, 40, Alnum), "HighEntropySecret", "high_entropy_token",
            "The webhook signing value is {0} (rotated weekly)."),
        r => Planting.One(Email(r), "Email", "email", "Please send the invoice to {0} before Friday."),
        r => Planting.One(Phone(r), "Phone", "phone", "You can reach me on {0} after 6pm."),
        r => Planting.One(Card(r), "CardNumber", "card_number", "Charge the card {0}, expiry 09/27."),
        r => Planting.One(Iban(r), "Iban", "iban", "Wire it to IBAN {0}, reference INV-2291."),
        r => Planting.One(Ssn(r), "NationalId", "us_ssn", "Applicant SSN: {0}"),
        r => Planting.One(Nino(r), "NationalId", "uk_nino", "National Insurance number {0}"),
        r => Planting.One(Bsn(r), "NationalId", "nl_bsn", "Mijn BSN is {0}."),
        r => Planting.One(Dni(r), "NationalId", "es_dni", "DNI del titular: {0}"),
        r => Planting.One(Aadhaar(r), "NationalId", "in_aadhaar", "Aadhaar: {0}"),
    ];

    // Ordinary prose and code around the planted values; each also carries look-alikes that must stay unflagged.
    private static readonly string[] Fillers =
    [
        "We planned the Q3 migration in three steps. First the read replicas move to the new cluster on 2024-07-15, then "
            + "the writers follow a week later, and finally the old hosts are drained. Version 2.14.0 of the operator "
            + "fixes the failover bug we hit in June, so please upgrade before the first step.",
        "public sealed class OrderService(IOrderRepository repository, ILogger<OrderService> logger)\n{\n"
            + "    public async Task<Order?> FindAsync(Guid id, CancellationToken ct)\n    {\n"
            + "        // 550e8400-e29b-41d4-a716-446655440000 is the seed order in the test data.\n"
            + "        var order = await repository.GetByIdAsync(id, ct);\n"
            + "        logger.LogInformation(\"Loaded order {Id} in {Elapsed} ms\", id, 42);\n        return order;\n    }\n}",
        "def retry_with_backoff(fn, max_attempts=5, base_delay=0.25):\n    for attempt in range(1, max_attempts + 1):\n"
            + "        try:\n            return fn()\n        except TimeoutError:\n"
            + "            time.sleep(base_delay * 2 ** attempt)\n    raise RuntimeError(\"gave up after 5 attempts\")",
        "2024-03-15 10:42:17.123 INFO  [worker-3] connected to 10.0.3.17:5432 (pool size 20)\n"
            + "2024-03-15 10:42:18.004 WARN  [worker-3] slow query took 1834 ms\n"
            + "2024-03-15 10:42:19.771 INFO  [deploy] image sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08 "
            + "from commit 3f786850e387550fdab836ed7e6dc881de23001b",
        "Shopping list for the offsite:\n- 12 notebooks (order #58213, $1,299.00 total)\n- projector cable, HDMI 2.1\n"
            + "- coffee for 25 people\n- name badges, room 3.14 and 3.15",
        "{\n  \"timeout\": 30,\n  \"region\": \"eu-west-1\",\n  \"retries\": 3,\n  \"password\": \"${DB_PASSWORD}\",\n"
            + "  \"endpoint\": \"https://api.example.com/v2/orders?page=1&limit=50\",\n  \"featureFlags\": [\"newCheckout\", \"darkMode\"]\n}",
        "The meeting moved to Thursday, March 14 at 14:30. Agenda: review the error budget (99.9% target, we are at "
            + "99.87%), decide on the cache eviction policy, and pick an owner for the getUserAccountByIdentifier2 refactor.",
        "Unhandled exception. System.InvalidOperationException: Sequence contains no elements\n"
            + "   at System.Linq.ThrowHelper.ThrowNoElementsException()\n"
            + "   at Locus.Server.Startup.Configure() in /home/dev/src/Locus.Server/Startup.cs:line 42",
        "SELECT c.customer_id, COUNT(o.order_id) AS orders, SUM(o.total_cents) / 100.0 AS revenue\nFROM customers c\n"
            + "JOIN orders o ON o.customer_id = c.customer_id\nWHERE o.created_at >= '2024-01-01'\nGROUP BY c.customer_id\n"
            + "HAVING COUNT(o.order_id) > 3\nORDER BY revenue DESC\nLIMIT 20;",
        "For the trip we take the 08:15 train, change at the main station, and arrive around 11:40. The hotel is a "
            + "ten-minute walk; check-in opens at 15:00. Budget is about 180 per night, breakfast included.",
        "To install, run `pip install numpy==1.26.4 torch==2.2.1` and then `python -m locus.bench --threads 8`. "
            + "The results land in ./results/2024-03-15/summary.json; see https://github.com/locus-ai/locus/blob/main/README.md.",
    ];

    private static Planting Aws(Random r)
    {
        var id = "AKIA" + Pick(r, Upper, 11) + Pick(r, "234567", 1) + Pick(r, Upper + "234567", 4);
        var secret = GeneratedToken(r, 40, Base64);
        var context = $"[default]\naws_access_key_id = {id}\naws_secret_access_key = {secret}\nregion = eu-west-1";
        return new Planting(context,
        [
            new PlantedSecret(id, "ApiKey", "aws_access_key_id") { Context = context },
            new PlantedSecret(secret, "ApiKey", "aws_secret_access_key") { Context = context },
        ]);
    }

    private static string Pick(Random r, string alphabet, int count)
    {
        var chars = new char[count];
        for (var i = 0; i < count; i++)
        {
            chars[i] = alphabet[r.Next(alphabet.Length)];
        }

        return new string(chars);
    }

    /// <summary>A random token of upper, lower and digits where letters come in ones and twos, as in generated keys.</summary>
    private static string GeneratedToken(Random r, int length, string alphabet)
    {
        while (true)
        {
            var sb = new StringBuilder(length);
            while (sb.Length < length)
            {
                var letters = r.Next(1, 3);
                for (var i = 0; i < letters && sb.Length < length; i++)
                {
                    var c = alphabet[r.Next(alphabet.Length)];
                    sb.Append(char.IsAsciiDigit(c) ? Upper[r.Next(26)] : c);
                }

                if (sb.Length < length)
                {
                    sb.Append(Digits[r.Next(10)]);
                }
            }

            var token = sb.ToString();
            if (token.Any(char.IsAsciiLetterUpper) && token.Any(char.IsAsciiLetterLower) && token[0] != '/' && token[^1] != '/')
            {
                return token;
            }
        }
    }

    private static string Password(Random r)
    {
        string[] words = ["Maple", "Harbor", "Copper", "Violet", "Falcon", "Juniper", "Orbit", "Saffron"];
        return words[r.Next(words.Length)] + Pick(r, "!#%^&*-_+", 1) + Pick(r, Digits, 4) + Pick(r, Lower, 3);
    }

    private static string PrivateKey(Random r)
    {
        string[] labels = ["RSA PRIVATE KEY", "EC PRIVATE KEY", "OPENSSH PRIVATE KEY", "PRIVATE KEY", "ENCRYPTED PRIVATE KEY"];
        var label = labels[r.Next(labels.Length)];
        var lines = Enumerable.Range(0, r.Next(4, 12)).Select(_ => Pick(r, Base64, 64)).Append(Pick(r, Base64, 20) + "==");
        return $"-----BEGIN {label}-----\n{string.Join('\n', lines)}\n-----END {label}-----";
    }

    private static string Jwt(Random r)
    {
        var header = Base64Url("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
        var payload = Base64Url($"{{\"sub\":\"{Pick(r, Digits, 10)}\",\"name\":\"Jane Doe\",\"iat\":{1_700_000_000 + r.Next(10_000_000)}}}");
        return $"{header}.{payload}.{Pick(r, UrlSafe, 43)}";
    }

    private static string JwtShapedWithoutAlg() =>
        $"{Base64Url("{\"typ\":\"JWT\"}")}.{Base64Url("{\"sub\":\"42\"}")}.c2lnbmF0dXJl";

    private static string Base64Url(string json) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string Email(Random r)
    {
        string[] first = ["jane", "omar", "li.wei", "maria", "k.schmidt", "priya"];
        string[] last = ["doe", "haddad", "zhang", "garcia", "mueller", "patel"];
        string[] domains = ["example.com", "mail.example.org", "example.co.uk", "example-corp.de", "example.net"];
        return $"{first[r.Next(first.Length)]}.{last[r.Next(last.Length)]}{r.Next(1, 99)}@{domains[r.Next(domains.Length)]}";
    }

    private static string Phone(Random r) => r.Next(8) switch
    {
        0 => $"+44 20 7946 0{Pick(r, Digits, 3)}",
        1 => $"+1 415 555 01{Pick(r, Digits, 2)}",
        2 => $"({Pick(r, "23456789", 1)}{Pick(r, Digits, 2)}) 555-01{Pick(r, Digits, 2)}",
        3 => $"{Pick(r, "23456789", 1)}{Pick(r, Digits, 2)}-555-01{Pick(r, Digits, 2)}",
        4 => $"030 {Pick(r, "123456789", 1)}{Pick(r, Digits, 7)}",
        5 => $"0{Pick(r, "1234569", 1)} {Pick(r, Digits, 2)} {Pick(r, Digits, 2)} {Pick(r, Digits, 2)} {Pick(r, Digits, 2)}",
        6 => $"07700 900{Pick(r, Digits, 3)}",
        _ => $"+49 (0)30 {Pick(r, "123456789", 1)}{Pick(r, Digits, 6)}",
    };

    private static string Card(Random r)
    {
        switch (r.Next(3))
        {
            case 0:
                var visa = WithLuhn("4" + Pick(r, Digits, 14));
                return string.Join(' ', visa.Chunk(4).Select(c => new string(c)));
            case 1:
                return WithLuhn("5" + Pick(r, "12345", 1) + Pick(r, Digits, 13));
            default:
                var amex = WithLuhn("3" + Pick(r, "47", 1) + Pick(r, Digits, 12));
                return $"{amex[..4]}-{amex[4..10]}-{amex[10..]}";
        }
    }

    private static string WithLuhn(string payload)
    {
        var sum = 0;
        for (var i = 0; i < payload.Length; i++)
        {
            var d = payload[payload.Length - 1 - i] - '0';
            if (i % 2 == 0)
            {
                d = d * 2 > 9 ? (d * 2) - 9 : d * 2;
            }

            sum += d;
        }

        return payload + (char)('0' + ((10 - (sum % 10)) % 10));
    }

    private static string Iban(Random r)
    {
        var (country, bban) = r.Next(4) switch
        {
            0 => ("DE", Pick(r, Digits, 18)),
            1 => ("GB", Pick(r, Upper, 4) + Pick(r, Digits, 14)),
            2 => ("NL", Pick(r, Upper, 4) + Pick(r, Digits, 10)),
            _ => ("FR", Pick(r, Digits, 10) + Pick(r, Upper + Digits, 11) + Pick(r, Digits, 2)),
        };
        var remainder = Mod97(bban + country + "00");
        var iban = $"{country}{98 - remainder:00}{bban}";
        return r.Next(2) == 0 ? iban : string.Join(' ', iban.Chunk(4).Select(c => new string(c)));
    }

    private static int Mod97(string text)
    {
        var remainder = 0;
        foreach (var c in text)
        {
            remainder = char.IsAsciiDigit(c) ? ((remainder * 10) + (c - '0')) % 97 : ((remainder * 100) + (c - 'A' + 10)) % 97;
        }

        return remainder;
    }

    private static string Ssn(Random r)
    {
        var area = r.Next(1, 900);
        area = area == 666 ? 667 : area;
        return $"{area:000}-{r.Next(1, 100):00}-{r.Next(1, 10000):0000}";
    }

    private static string Nino(Random r)
    {
        string prefix;
        do
        {
            prefix = Pick(r, "ABCEGHJKLMNOPRSTWXYZ", 1) + Pick(r, "ABCEGHJKLMNPRSTWXYZ", 1);
        }
        while (prefix is "BG" or "GB" or "KN" or "NK" or "NT" or "TN" or "ZZ");

        var digits = Pick(r, Digits, 6);
        var suffix = Pick(r, "ABCD", 1);
        return r.Next(2) == 0 ? prefix + digits + suffix : $"{prefix} {digits[..2]} {digits[2..4]} {digits[4..]} {suffix}";
    }

    private static string Bsn(Random r)
    {
        while (true)
        {
            var digits = Pick(r, "123456789", 1) + Pick(r, Digits, 7);
            var sum = digits.Select((c, i) => (c - '0') * (9 - i)).Sum();
            if (sum % 11 < 10)
            {
                return digits + (char)('0' + (sum % 11));
            }
        }
    }

    private static string Dni(Random r)
    {
        const string letters = "TRWAGMYFPDXBNJZSQVHLCKE";
        if (r.Next(2) == 0)
        {
            var number = r.Next(10_000_000, 100_000_000);
            return $"{number}{letters[number % 23]}";
        }

        var prefix = r.Next(3);
        var rest = r.Next(0, 10_000_000);
        return $"{"XYZ"[prefix]}{rest:0000000}{letters[((prefix * 10_000_000) + rest) % 23]}";
    }

    private static string Aadhaar(Random r)
    {
        var payload = Pick(r, "23456789", 1) + Pick(r, Digits, 10);
        var number = payload + VerhoeffCheckDigit(payload);
        return $"{number[..4]} {number[4..8]} {number[8..]}";
    }

    private static readonly int[,] VerhoeffD =
    {
        { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 }, { 1, 2, 3, 4, 0, 6, 7, 8, 9, 5 }, { 2, 3, 4, 0, 1, 7, 8, 9, 5, 6 },
        { 3, 4, 0, 1, 2, 8, 9, 5, 6, 7 }, { 4, 0, 1, 2, 3, 9, 5, 6, 7, 8 }, { 5, 9, 8, 7, 6, 0, 4, 3, 2, 1 },
        { 6, 5, 9, 8, 7, 1, 0, 4, 3, 2 }, { 7, 6, 5, 9, 8, 2, 1, 0, 4, 3 }, { 8, 7, 6, 5, 9, 3, 2, 1, 0, 4 },
        { 9, 8, 7, 6, 5, 4, 3, 2, 1, 0 },
    };

    private static readonly int[,] VerhoeffP =
    {
        { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 }, { 1, 5, 7, 6, 2, 8, 3, 0, 9, 4 }, { 5, 8, 0, 3, 7, 9, 6, 1, 4, 2 },
        { 8, 9, 1, 6, 0, 4, 3, 5, 2, 7 }, { 9, 4, 5, 3, 1, 2, 6, 8, 7, 0 }, { 4, 2, 8, 6, 5, 7, 3, 9, 0, 1 },
        { 2, 7, 9, 3, 8, 0, 6, 4, 1, 5 }, { 7, 0, 4, 6, 9, 1, 3, 2, 5, 8 },
    };

    private static char VerhoeffCheckDigit(string payload)
    {
        int[] inverse = [0, 4, 3, 2, 1, 5, 6, 7, 8, 9];
        var c = 0;
        for (var i = 0; i < payload.Length; i++)
        {
            c = VerhoeffD[c, VerhoeffP[(i + 1) % 8, payload[payload.Length - 1 - i] - '0']];
        }

        return (char)('0' + inverse[c]);
    }
}

/// <summary>One planted value: the exact text, its kind (a <c>SensitiveKind</c> name) and the detector id that should find it.</summary>
public sealed record PlantedSecret(string Value, string Kind, string Detector)
{
    /// <summary>A sentence carrying the value as it appears in prompts, with any label or neighbour its detector needs.</summary>
    public string Context { get; init; } = Value;
}

/// <summary>A prompt and exactly the values planted in it.</summary>
public sealed record PlantedPrompt(string Text, IReadOnlyList<PlantedSecret> Values);
