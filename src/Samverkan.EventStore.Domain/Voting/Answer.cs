namespace Samverkan.EventStore.Domain.Voting;

/// <summary>A voter's answer on one indicator: yes, no, or an abstention (the clicker's third button).</summary>
public enum Answer
{
    Yes,
    No,
    Abstain,
}

/// <summary>One ballot as the tally sees it: the voter's pseudonym, never who the voter is.</summary>
public sealed record CountedBallot(string Voter, int Indicator, Answer Answer);
