using JasperFx;
using Marten.Exceptions;
using Wolverine;
using Wolverine.ErrorHandling;

namespace Samverkan.EventStore.Application.EventStore;

/// <summary>The Wolverine side: which handlers run the commands, and how they are wrapped.</summary>
public static class ConsensusHandlers
{
    public static WolverineOptions UseConsensusHandlers(this WolverineOptions options)
    {
        options.Discovery.IncludeAssembly(typeof(ConsensusHandlers).Assembly);
        // Each handler's session is committed by Wolverine after the handler returns, or not at all.
        options.Policies.AutoApplyTransactions();
        // Two facilitator commands on one conference at once, or two first writes of one new stream: the loser
        // re-reads the stream and decides again (a repeat then gets the answer the first had).
        options.OnException<ConcurrencyException>().Or<ExistingStreamIdCollisionException>().RetryWithCooldown(
            TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(100));
        return options;
    }
}
