using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Samverkan.EventStore.Domain.Conferences;

namespace Samverkan.EventStore.Application.Security;

/// <summary>
/// Every secret of a conference is derived from one server secret and the conference id, so none is stored:
/// the facilitator key, the key that signs voter credentials and the key that turns a credential into the
/// pseudonym its ballots carry. Losing the server secret invalidates every key and credential.
/// </summary>
public sealed class ConferenceSecrets(byte[] serverSecret)
{
    private const int NonceBytes = 16;
    private const int MacBytes = 16;

    /// <summary>The facilitator key, handed out once when the conference is planned.</summary>
    public string FacilitatorKey(Guid conferenceId) => Base64Url.EncodeToString(Derive("facilitator", conferenceId));

    public bool IsFacilitator(Guid conferenceId, string? presentedKey) =>
        Same(presentedKey, FacilitatorKey(conferenceId));

    /// <summary>The auditor key the facilitator hands on: read-only access to the log of the conference.</summary>
    public string AuditorKey(Guid conferenceId) => Base64Url.EncodeToString(Derive("auditor", conferenceId));

    public bool IsAuditor(Guid conferenceId, string? presentedKey) => Same(presentedKey, AuditorKey(conferenceId));

    /// <summary>
    /// How the log names an expert who checked in: a keyed token, not the expert's id, so that a reader of the log
    /// (or of the database) without the server secret learns that someone checked in, never who.
    /// </summary>
    public string Attendee(Guid conferenceId, Guid expertId) =>
        Base64Url.EncodeToString(HMACSHA256.HashData(Derive("attendee", conferenceId), expertId.ToByteArray())[..16]);

    /// <summary>
    /// The check-in of an expert under a client's Idempotency-Key: the credential it hands out and a token the log
    /// keeps to know a retry of it. Both are derived from the key, which the service does not keep, so a lost answer
    /// can be had again by sending the same key, and nothing stored links the expert to the credential.
    /// </summary>
    public (string Credential, string RetryToken) CheckInUnder(Guid conferenceId, Guid expertId, string idempotencyKey,
        string? group = null)
    {
        // The group is part of what a retry is known by: the same key with another group is no retry, so that one
        // expert never holds two credentials (two pseudonyms) that differ by their group.
        var input = Encoding.UTF8.GetBytes($"{expertId:N}:{idempotencyKey}" + (group is null ? "" : $"\n{group}"));
        var nonce = HMACSHA256.HashData(Derive("check-in-credential", conferenceId), input)[..NonceBytes];
        var retry = HMACSHA256.HashData(Derive("check-in-retry", conferenceId), input)[..16];
        return (Credential(conferenceId, nonce, group), Base64Url.EncodeToString(retry));
    }

    /// <summary>
    /// An expert's identity sealed for the log: AES-GCM under a key derived for the conference, bound to the expert,
    /// with a nonce derived from expert and identity, so that the same registration seals the same way (a retry is
    /// recognised) and a reader without the server secret learns nothing of who it is.
    /// </summary>
    public string SealIdentity(Guid conferenceId, Guid expertId, ExpertIdentity identity)
    {
        var key = Derive("expert-identity", conferenceId);
        var plain = JsonSerializer.SerializeToUtf8Bytes(identity);
        byte[] nonceInput = [.. expertId.ToByteArray(), .. plain];
        return Seal(key, HMACSHA256.HashData(key, nonceInput)[..SealNonceBytes], plain, expertId.ToByteArray());
    }

    public ExpertIdentity OpenIdentity(Guid conferenceId, Guid expertId, string sealedIdentity) =>
        JsonSerializer.Deserialize<ExpertIdentity>(
            Open(Derive("expert-identity", conferenceId), sealedIdentity, expertId.ToByteArray()))!;

    /// <summary>
    /// The order in which a record lists its voters: a keyed shuffle of the pseudonyms, so that the labels
    /// voter-01, voter-02, … say nothing of who voted or when, and cannot be mapped back to the log's pseudonyms.
    /// </summary>
    public string RecordLabelOrder(Guid conferenceId, string voter) =>
        Convert.ToHexString(HMACSHA256.HashData(Derive("record-labels", conferenceId), Encoding.UTF8.GetBytes(voter)));

    /// <summary>
    /// A new voter credential: a random nonce and a MAC over it and the stakeholder group, if any. It validates
    /// without any stored list, so nothing recorded at check-in can be matched to the ballots it signs.
    /// </summary>
    public string NewVoterCredential(Guid conferenceId, string? group = null) =>
        Credential(conferenceId, RandomNumberGenerator.GetBytes(NonceBytes), group);

    /// <summary>
    /// A credential: nonce and MAC in base64url and, with a group, a dot and the group's label in base64url. The MAC
    /// covers the label, so a credential's group cannot be changed; a credential without one has the old form.
    /// </summary>
    private string Credential(Guid conferenceId, byte[] nonce, string? group)
    {
        var label = group is null ? null : Encoding.UTF8.GetBytes(group);
        var credential = Base64Url.EncodeToString([.. nonce, .. Mac(conferenceId, [.. nonce, .. label ?? []])]);
        return label is null ? credential : $"{credential}.{Base64Url.EncodeToString(label)}";
    }

    /// <summary>The longest group label a credential may carry, in base64url characters (UTF-8 at worst).</summary>
    private static readonly int MaxLabelChars = Base64Url.GetEncodedLength(4 * StakeholderGroup.MaxLength);

    /// <summary>
    /// Checks a presented credential and gives the pseudonym its ballots carry and its stakeholder group, or says why
    /// it is refused.
    /// </summary>
    public CredentialCheck Check(Guid conferenceId, string? presented)
    {
        if (string.IsNullOrWhiteSpace(presented)) return CredentialCheck.Missing;
        var parts = presented.Split('.');
        var (encoded, label) = (parts[0], parts.Length == 2 ? parts[1] : null);
        var bytes = new byte[NonceBytes + MacBytes];
        if (parts.Length > 2 || !Base64Url.IsValid(encoded)
            || Base64Url.GetMaxDecodedLength(encoded.Length) < bytes.Length
            || !Base64Url.TryDecodeFromChars(encoded, bytes, out var written) || written != bytes.Length
            || (label is not null && (label.Length == 0 || label.Length > MaxLabelChars || !Base64Url.IsValid(label))))
            return CredentialCheck.Malformed;
        var group = label is null ? null : Base64Url.DecodeFromChars(label);
        if (!CryptographicOperations.FixedTimeEquals(
                Mac(conferenceId, [.. bytes.AsSpan(0, NonceBytes), .. group ?? []]), bytes.AsSpan(NonceBytes)))
            return CredentialCheck.Unknown;
        // Ballots and evaluation responses get unrelated pseudonyms: a comment that gives its author away
        // gives away none of the author's ballots.
        string Pseudonym(string purpose) =>
            Base64Url.EncodeToString(HMACSHA256.HashData(Derive(purpose, conferenceId), bytes).AsSpan(0, 16));
        return new CredentialCheck(CredentialStatus.Valid, Pseudonym("pseudonym"), Pseudonym("evaluation-respondent"),
            group is null ? null : Encoding.UTF8.GetString(group));
    }

    /// <summary>
    /// Seals a webhook subscriber's secret for the log: AES-GCM under a key derived for the conference,
    /// bound to the subscription.
    /// </summary>
    public string SealWebhookSecret(Guid conferenceId, Guid subscriptionId, string secret) =>
        Seal(Derive("webhook-secret", conferenceId), RandomNumberGenerator.GetBytes(SealNonceBytes),
            Encoding.UTF8.GetBytes(secret), subscriptionId.ToByteArray());

    public string OpenWebhookSecret(Guid conferenceId, Guid subscriptionId, string sealedSecret) =>
        Encoding.UTF8.GetString(
            Open(Derive("webhook-secret", conferenceId), sealedSecret, subscriptionId.ToByteArray()));

    private const int SealNonceBytes = 12;
    private const int SealTagBytes = 16;

    /// <summary>AES-GCM as one base64url text (nonce, tag, cipher text), bound to the associated data.</summary>
    private static string Seal(byte[] key, byte[] nonce, byte[] plain, byte[] associated)
    {
        var sealedBytes = new byte[SealNonceBytes + SealTagBytes + plain.Length];
        nonce.CopyTo(sealedBytes, 0);
        using var aes = new AesGcm(key, SealTagBytes);
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(SealNonceBytes + SealTagBytes),
            sealedBytes.AsSpan(SealNonceBytes, SealTagBytes), associated);
        return Base64Url.EncodeToString(sealedBytes);
    }

    private static byte[] Open(byte[] key, string sealedText, byte[] associated)
    {
        var sealedBytes = Base64Url.DecodeFromChars(sealedText);
        var plain = new byte[sealedBytes.Length - SealNonceBytes - SealTagBytes];
        using var aes = new AesGcm(key, SealTagBytes);
        aes.Decrypt(sealedBytes.AsSpan(0, SealNonceBytes), sealedBytes.AsSpan(SealNonceBytes + SealTagBytes),
            sealedBytes.AsSpan(SealNonceBytes, SealTagBytes), plain, associated);
        return plain;
    }

    private static bool Same(string? presented, string key) =>
        presented is not null
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(key));

    /// <summary>The MAC of a credential over its nonce and, when it has one, its group label.</summary>
    private byte[] Mac(Guid conferenceId, ReadOnlySpan<byte> signed) =>
        HMACSHA256.HashData(Derive("voter-credential", conferenceId), signed)[..MacBytes];

    private byte[] Derive(string purpose, Guid conferenceId) =>
        HMACSHA256.HashData(serverSecret, Encoding.UTF8.GetBytes($"{purpose}:{conferenceId:N}"));
}

public enum CredentialStatus
{
    Valid,
    Missing,
    Malformed,
    Unknown,
}

/// <summary>
/// The result of checking a voter credential: when valid, the pseudonym its ballots carry, the unrelated one its
/// evaluation response carries, and the stakeholder group it carries, if any.
/// </summary>
public sealed record CredentialCheck(CredentialStatus Status, string? Voter, string? Respondent = null,
    string? Group = null)
{
    public static readonly CredentialCheck Missing = new(CredentialStatus.Missing, null);
    public static readonly CredentialCheck Malformed = new(CredentialStatus.Malformed, null);
    public static readonly CredentialCheck Unknown = new(CredentialStatus.Unknown, null);
}
