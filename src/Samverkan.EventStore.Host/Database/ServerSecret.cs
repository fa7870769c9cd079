using System.Security.Cryptography;

namespace Samverkan.EventStore.Host.Database;

/// <summary>
/// The server secret every conference key is derived from: Samverkan:ServerSecret (base64, 32 bytes or more),
/// or else a random one kept in the data directory, so that keys and credentials survive a restart.
/// </summary>
public static class ServerSecret
{
    public static byte[] Load(IConfiguration configuration, string dataDirectory)
    {
        if (configuration["Samverkan:ServerSecret"] is { Length: > 0 } configured)
        {
            var bytes = Convert.FromBase64String(configured);
            return bytes.Length >= 32 ? bytes
                : throw new InvalidOperationException("Samverkan:ServerSecret must hold at least 32 bytes (base64).");
        }
        var file = Path.Combine(dataDirectory, "server-secret");
        if (File.Exists(file)) return Convert.FromBase64String(File.ReadAllText(file).Trim());
        Directory.CreateDirectory(dataDirectory);
        var secret = RandomNumberGenerator.GetBytes(32);
        File.WriteAllText(file, Convert.ToBase64String(secret));
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return secret;
    }
}
