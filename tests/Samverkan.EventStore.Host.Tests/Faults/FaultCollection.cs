using Xunit;

namespace Samverkan.EventStore.Host.Tests.Faults;

/// <summary>
/// Tests that kill the service or stop its database. They run alone: beside the others, their kills and a loaded
/// machine would make everyone's timings lie. Each test brings its own cluster and service process.
/// </summary>
[CollectionDefinition(nameof(FaultCollection), DisableParallelization = true)]
public sealed class FaultCollection;
