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
    public (string Credential, string RetryToken) CheckInUnder(Guid conferenceId, Guid expertId, string idempotencyKey)
    {
        var input = Encoding.UTF8.GetBytes($"{expertId:N}:{idempotencyKey}");
        var credential = new byte[NonceBytes + MacBytes];
        HMACSHA256.HashData(Derive("check-in-credential", conferenceId), input).AsSpan(0, NonceBytes)
            .CopyTo(credential);
        Mac(conferenceId, credential.AsSpan(0, NonceBytes)).CopyTo(credential.AsSpan(NonceBytes));
        var retry = HMACSHA256.HashData(Derive("check-in-retry", conferenceId), input)[..16];
        return (Base64Url.EncodeToString(credential), Base64Url.EncodeToString(retry));
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
    /// A new voter credential: a random nonce and a MAC over it. It validates without any stored list,
    /// so nothing recorded at check-in can be matched to the ballots it signs.
    /// </summary>
    public string NewVoterCredential(Guid conferenceId)
    {
        var credential = new byte[NonceBytes + MacBytes];
        RandomNumberGenerator.Fill(credential.AsSpan(0, NonceBytes));
        Mac(conferenceId, credential.AsSpan(0, NonceBytes)).CopyTo(credential.AsSpan(NonceBytes));
        return Base64Url.EncodeToString(credential);
    }

    /// <summary>
    /// Checks a presented credential and gives the pseudonym its ballots carry, or says why it is refused.
    /// </summary>
    public CredentialCheck Check(Guid conferenceId, string? presented)
    {
        if (string.IsNullOrWhiteSpace(presented)) return CredentialCheck.Missing;
        var bytes = new byte[NonceBytes + MacBytes];
        if (!Base64Url.IsValid(presented) || Base64Url.GetMaxDecodedLength(presented.Length) < bytes.Length
            || !Base64Url.TryDecodeFromChars(presented, bytes, out var written) || written != bytes.Length)
            return CredentialCheck.Malformed;
        if (!CryptographicOperations.FixedTimeEquals(
                Mac(conferenceId, bytes.AsSpan(0, NonceBytes)), bytes.AsSpan(NonceBytes)))
            return CredentialCheck.Unknown;
        // Ballots and evaluation responses get unrelated pseudonyms: a comment that gives its author away
        // gives away none of the author's ballots.
        string Pseudonym(string purpose) =>
            Base64Url.EncodeToString(HMACSHA256.HashData(Derive(purpose, conferenceId), bytes).AsSpan(0, 16));
        return new CredentialCheck(CredentialStatus.Valid, Pseudonym("pseudonym"), Pseudonym("evaluation-respondent"));
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

    private byte[] Mac(Guid conferenceId, ReadOnlySpan<byte> nonce) =>
        HMACSHA256.HashData(Derive("voter-credential", conferenceId), nonce)[..MacBytes];

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
/// The result of checking a voter credential: when valid, the pseudonym its ballots carry and the unrelated one its
/// evaluation response carries.
/// </summary>
public sealed record CredentialCheck(CredentialStatus Status, string? Voter, string? Respondent = null)
{
    public static readonly CredentialCheck Missing = new(CredentialStatus.Missing, null);
    public static readonly CredentialCheck Malformed = new(CredentialStatus.Malformed, null);
    public static readonly CredentialCheck Unknown = new(CredentialStatus.Unknown, null);
}
