using Xunit;

namespace Samverkan.EventStore.Host.Tests.Fuzz;

/// <summary>
/// Alone, so that the fuzz test can say of each refused request that it appended nothing: while it runs, no
/// other test writes to the store.
/// </summary>
[CollectionDefinition(nameof(FuzzCollection), DisableParallelization = true)]
public sealed class FuzzCollection : ICollectionFixture<ApiFixture>;
