using System.Security.Cryptography;
using System.Text;

namespace Samverkan.EventStore.Domain;

/// <summary>Name-based stream ids: every node derives the same id from the same name, with no lookup.</summary>
public static class StreamIds
{
    public static Guid FromName(string name) => new(SHA256.HashData(Encoding.UTF8.GetBytes(name)).AsSpan(0, 16));
}
