using Samverkan.EventStore.Application.Conferences;
using Samverkan.EventStore.Domain;
using Samverkan.EventStore.Domain.Catalog;
using Xunit;

namespace Samverkan.EventStore.Application.Tests;

public class CatalogFileTests
{
    [Fact]
    public void Csv_with_quotes_commas_line_breaks_and_a_byte_order_mark()
    {
        var csv =
            "\uFEFFnumber,text,category,perspective\r\n1,\"Deltagare, personal och \"\"chefer\"\"\",process," +
                "participant\r\n2,\"Två\nrader\",effect,\r\n";
        Assert.Equal(
            [new Indicator(1, "Deltagare, personal och \"chefer\"", "process", "participant"),
                new Indicator(2, "Två\nrader", "effect")],
            CatalogFile.Parse(CatalogFormat.Csv, csv));
    }

    [Fact]
    public void Json_catalog() =>
        Assert.Equal([new Indicator(98, "Fler i arbete", "effect", "society")],
            CatalogFile.Parse(CatalogFormat.Json,
                """[{"number":98,"text":"Fler i arbete","category":"effect","perspective":"society"}]"""));

    [Theory]
    [InlineData(CatalogFormat.Csv, "text,category\nA,process", "lacks the column(s) number")]
    [InlineData(CatalogFormat.Csv, "number,text,category\nx,A,process", "'x' is not a whole number")]
    [InlineData(CatalogFormat.Csv, "number,text,category\n1,\"A,process", "not closed")]
    [InlineData(CatalogFormat.Json, "[{\"number\":1,\"category\":\"process\"}]", "Element 0 lacks a text")]
    [InlineData(CatalogFormat.Json, "{", "cannot be read")]
    public void An_unreadable_file_is_refused_naming_where(CatalogFormat format, string content, string named)
    {
        var refused = Assert.Throws<CommandRejected>(() => CatalogFile.Parse(format, content));
        Assert.Contains(named, refused.Rejection.Detail);
    }
}
