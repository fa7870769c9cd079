using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.Options;
using Npgsql;
using Samverkan.EventStore.Application.EventStore;

namespace Samverkan.EventStore.Host.Room;

/// <summary>
/// The ASP.NET Core Data Protection keys (they protect the console's anti-forgery token), shared by every node: kept
/// in the database, each sealed under a key derived from the server secret, so that a token one node hands out is
/// accepted by another, and the database alone opens no key.
/// </summary>
public static class SharedKeys
{
    /// <summary>The same on every node: the purposes of protection are derived from it.</summary>
    public const string ApplicationName = "Samverkan.EventStore";

    public static void AddSharedKeys(this IServiceCollection services, string connectionString, byte[] serverSecret)
    {
        var table = new KeyTable(connectionString);
        // No purpose of ConferenceSecrets is without a colon and a conference id, so this key is none of theirs.
        var seal = new KeySeal(HMACSHA256.HashData(serverSecret, "data-protection-keys"u8));
        services.AddSingleton(table);
        services.AddSingleton(seal);
        services.AddDataProtection().SetApplicationName(ApplicationName);
        services.Configure<KeyManagementOptions>(options =>
        {
            options.XmlRepository = table;
            options.XmlEncryptor = seal;
        });
        services.AddHostedService<FirstKey>();
    }
}

/// <summary>The keys' XML, one row each, in <c>samverkan.data_protection_keys</c>.</summary>
public sealed class KeyTable(string connectionString) : IXmlRepository
{
    public const string Name = $"{ConsensusEventStore.Schema}.data_protection_keys";

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var connection = Open();
        using var select = new NpgsqlCommand($"select xml from {Name} order by id", connection);
        using var reader = select.ExecuteReader();
        var elements = new List<XElement>();
        while (reader.Read()) elements.Add(XElement.Parse(reader.GetString(0)));
        return elements;
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var connection = Open();
        using var insert = new NpgsqlCommand($"insert into {Name} (friendly_name, xml) values ($1, $2)", connection);
        insert.Parameters.Add(new NpgsqlParameter { Value = friendlyName });
        insert.Parameters.Add(new NpgsqlParameter { Value = element.ToString(SaveOptions.DisableFormatting) });
        insert.ExecuteNonQuery();
    }

    public NpgsqlConnection Open()
    {
        var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        return connection;
    }

    public const string Create =
        $"create schema if not exists {ConsensusEventStore.Schema}; create table if not exists {Name} "
        + "(id bigint generated always as identity primary key, friendly_name text not null, xml text not null)";
}

/// <summary>Seals a key's secret (AES-GCM) under the key derived from the server secret, for storing.</summary>
public sealed class KeySeal(byte[] key) : IXmlEncryptor
{
    private const int NonceBytes = 12;
    private const int TagBytes = 16;

    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        var plain = Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        var sealedBytes = new byte[NonceBytes + TagBytes + plain.Length];
        RandomNumberGenerator.Fill(sealedBytes.AsSpan(0, NonceBytes));
        using var aes = new AesGcm(key, TagBytes);
        aes.Encrypt(sealedBytes.AsSpan(0, NonceBytes), plain, sealedBytes.AsSpan(NonceBytes + TagBytes),
            sealedBytes.AsSpan(NonceBytes, TagBytes));
        return new EncryptedXmlInfo(new XElement("sealed", Base64Url.EncodeToString(sealedBytes)), typeof(KeyOpener));
    }

    public XElement Open(XElement sealedElement)
    {
        var sealedBytes = Base64Url.DecodeFromChars(sealedElement.Value);
        var plain = new byte[sealedBytes.Length - NonceBytes - TagBytes];
        using var aes = new AesGcm(key, TagBytes);
        aes.Decrypt(sealedBytes.AsSpan(0, NonceBytes), sealedBytes.AsSpan(NonceBytes + TagBytes),
            sealedBytes.AsSpan(NonceBytes, TagBytes), plain);
        return XElement.Parse(Encoding.UTF8.GetString(plain));
    }
}

/// <summary>Opens what <see cref="KeySeal"/> sealed; Data Protection makes it by its type, named in the key's XML.
/// </summary>
public sealed class KeyOpener(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement) => services.GetRequiredService<KeySeal>().Open(encryptedElement);
}

/// <summary>
/// Makes the table and, when no key is active, the first key, one node at a time (an advisory lock), before any
/// service starts: left to Data Protection, each of two nodes started at once would read no key and make its own,
/// and refuse the other's tokens once it no longer looks for unknown keys (two minutes after its start) until it
/// reads the keys again (a day later).
/// </summary>
public sealed class FirstKey(KeyTable table, IKeyManager keys, IOptions<KeyManagementOptions> options)
    : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        await using var connection = table.Open();
        const string Lock = $"hashtext('{KeyTable.Name}')";
        await Execute($"select pg_advisory_lock({Lock})");
        try
        {
            await Execute(KeyTable.Create);
            var now = DateTimeOffset.UtcNow;
            if (!keys.GetAllKeys().Any(k => !k.IsRevoked && k.ActivationDate <= now && k.ExpirationDate > now))
                keys.CreateNewKey(now, now + options.Value.NewKeyLifetime);
        }
        finally
        {
            // Explicitly: a pooled connection keeps its session's locks when it goes back to the pool.
            await Execute($"select pg_advisory_unlock({Lock})");
        }

        async Task Execute(string sql)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
