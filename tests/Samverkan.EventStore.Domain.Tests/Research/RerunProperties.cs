using FsCheck.Xunit;
using Samverkan.EventStore.Domain.Catalog;
using Samverkan.EventStore.Domain.Conferences;
using Samverkan.EventStore.Domain.Research;
using Samverkan.EventStore.Domain.Rounds;
using Samverkan.EventStore.Domain.Rounds.Rating;
using Samverkan.EventStore.Domain.Voting;

namespace Samverkan.EventStore.Domain.Tests.Research;

public class RerunProperties
{
    /// <summary>
    /// A conference is held through the live decide/evolve (open, ballots with changes, ties the facilitator settles,
    /// closes, overrides), its record is taken as the store would give it, and a rerun under the recorded rules must
    /// give every recorded decision — outcome, rule, tally and rank —, hold the rounds the conference held and pass
    /// over those it passed over (one schedule), and give the same protocols.
    /// </summary>
    [Property(MaxTest = 300)]
    public bool A_rerun_under_the_recorded_rules_reproduces_the_recorded_outcome(int seed) =>
        Reproduces(Hold(new Random(seed), ratingRounds: false));

    /// <summary>
    /// The same for conferences whose rounds of categories are rating rounds half the time, under COMET, other
    /// percent-in-band thresholds or RAND/UCLA: the live close and the rerun map the same verdicts to outcomes.
    /// </summary>
    [Property(MaxTest = 300)]
    public bool A_rerun_of_rating_rounds_reproduces_the_recorded_consensus_decisions(int seed) =>
        Reproduces(Hold(new Random(seed), ratingRounds: true));

    private static bool Reproduces((ConferenceRecord Record, Conference Held) held)
    {
        var (record, conference) = held;
        var rerun = new Rerun(record).Run(record.Plan, MissingBallotPolicy.Undetermined);
        return WhatIf.Reproduces(record, rerun) == true
               && rerun.Rounds.Where(r => r.Held).Select(r => r.Number)
                   .SequenceEqual(record.Rounds.Select(r => r.Number))
               && record.Plan.ProtocolLevels.All(level =>
                   conference.MembersOf(level).Select(i => i.Indicator.Number).SequenceEqual(rerun.Protocols[level]));
    }

    private static (ConferenceRecord Record, Conference Held) Hold(Random random, bool ratingRounds)
    {
        string[] categories = ["process", "effect"];
        var catalog = Enumerable.Range(1, random.Next(2, 30))
            .Select(n => new Indicator(n, $"Indicator {n}", random.Next(3) == 0 ? "effect" : "process")).ToList();
        var conference = Conference.From(Conference.PlanConference(Guid.NewGuid(), "Generated", "Here", default,
            default, "sv", categories));
        conference = conference.When(conference.Decide(new ImportCatalog(conference.Id, "generated", catalog)));
        var voters = Enumerable.Range(1, random.Next(1, 12)).Select(v => $"v{v}").ToList();
        for (var e = 0; e < voters.Count + random.Next(3); e++)
        {
            var registered = conference.RegisterExpert(Guid.NewGuid(), $"sealed identity {e}")!;
            conference = conference.When(registered);
            conference = conference.When(conference.CheckIn(registered.ExpertId, $"attendee-{e}", null)!);
        }

        RoundRules RulesOf(RemainderPolicy remainder) => ratingRounds && random.Next(2) == 0
            ? new RoundRules(Remainder: remainder, Rating: RatingRules(random))
            : Rules(random, remainder);
        var plan = new RoundPlan(["comprehensive", "core"],
        [
            new(1, RoundScope.InPlay("process"), RulesOf(RemainderPolicy.CarryOver)),
            new(2, RoundScope.InPlay("process"), RulesOf(RemainderPolicy.Eliminate)),
            new(3, RoundScope.InPlay("effect"), RulesOf(RemainderPolicy.CarryOver)),
            new(4, RoundScope.InPlay("effect"), RulesOf(RemainderPolicy.Eliminate)),
            new(5, RoundScope.MembersOf("comprehensive"), Rules(random, RemainderPolicy.Retain) with
            {
                Eliminate = null, Advance = null,
                Select = new FinalSelectionRule("core",
                    new Dictionary<string, int> { ["process"] = random.Next(1, 5), ["effect"] = random.Next(1, 3) }),
            }),
        ]);
        conference = conference.When(conference.Decide(new PlanRounds(conference.Id, plan)));

        var recorded = new List<RecordedRound>();
        foreach (var round in plan.Rounds.Select(r => r.Number))
        {
            RoundOpened opened;
            try { opened = conference.Decide(new OpenRound(conference.Id, round))!; }
            catch (CommandRejected rejected) when (rejected.Rejection.Code == "empty-scope") { continue; }
            conference = conference.When(opened);

            // Each indicator leans low, high or neither in a rating round, so that consensus in and out are common.
            var rating = plan.Rounds[round - 1].Rules.Rating is not null;
            var lean = opened.Indicators.ToDictionary(i => i, _ => random.Next(3));
            CountedBallot Ballot(string voter, int indicator) => !rating
                ? new CountedBallot(voter, indicator, (Answer)random.Next(3))
                : random.Next(10) == 0 ? new CountedBallot(voter, indicator, Answer.Abstain)
                : new CountedBallot(voter, indicator, Answer.Rated, lean[indicator] switch
                {
                    0 => random.Next(1, 5),
                    1 => random.Next(6, 10),
                    _ => random.Next(1, 10),
                });
            var ballots = new List<CountedBallot>();
            foreach (var voter in voters)
            foreach (var indicator in opened.Indicators.Where(_ => random.Next(10) > 0))
                ballots.Add(Ballot(voter, indicator));
            // Some voters change their minds before the close.
            ballots.AddRange(ballots.Where(_ => random.Next(8) == 0).Select(b => Ballot(b.Voter, b.Indicator))
                .ToList());

            while (conference.Standings(round, ballots).UnsettledTies is [var tie, ..])
                conference = conference.When(conference.Decide(new ResolveTie(conference.Id, round, tie.Level,
                    tie.Category, tie.Tied.Take(tie.Places).ToList(), "chosen"), ballots));
            var closed = conference.Decide(new CloseRound(conference.Id, round), ballots);
            conference = conference.When(closed);

            var overrides = new List<RecordedOverride>();
            if (random.Next(4) == 0)
            {
                var decision = closed.Decisions[random.Next(closed.Decisions.Count)];
                var outcome = decision.Outcome == Outcome.Eliminated ? Outcome.Retained : Outcome.Eliminated;
                var overridden =
                    conference.Decide(new OverrideOutcome(
                        conference.Id, round, decision.Indicator, outcome, "the steering group said so"));
                conference = conference.When(overridden);
                overrides.Add(new RecordedOverride(overridden.Indicator, overridden.Previous, overridden.Outcome,
                    overridden.Reason));
            }
            recorded.Add(new RecordedRound(round, closed.ExpertsCheckedIn, ballots, opened.Indicators,
                conference.Rounds[round].Settlements, overrides, conference.Rounds[round].Decisions));
        }
        return (new ConferenceRecord("Generated", categories, catalog, plan, recorded), conference);
    }

    private static RatingRules RatingRules(Random random) => new(RatingScale.OneToNine, random.Next(3) switch
    {
        0 => ConsensusDefinition.Comet7015,
        1 => new ConsensusDefinition("percent in band",
            PercentInBand.Comet(random.Next(50, 91), random.Next(5, 31)), Groups: (GroupRequirement)random.Next(2)),
        _ => ConsensusDefinition.RandUclaIpras,
    }, "comprehensive");

    private static RoundRules Rules(Random random, RemainderPolicy remainder) => new(
        Eliminate: random.Next(2) == 0 ? new EliminationRule(random.Next(11) / 10m) : null,
        Advance: random.Next(3) switch
        {
            0 => new DirectAdvanceRule("comprehensive", TopN: random.Next(1, 6)),
            1 => new DirectAdvanceRule("comprehensive", AtOrAbove: random.Next(11) / 10m),
            _ => null,
        },
        Remainder: remainder,
        Denominator: (ShareDenominator)random.Next(2),
        Abstentions: (AbstentionPolicy)random.Next(2),
        Ties: (TiePolicy)random.Next(3));
}
