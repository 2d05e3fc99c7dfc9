using System.Text.Json;

namespace Atlas.Codegen.Tests;

/// <summary>
/// The namer names every type before anything refers to it (TypeNamer): inline enums by property, shared when their
/// values are the same, prefixed with their owner when several value sets want one name; and a choice whose string
/// member is an inline enum refers to that enum by its name (it used to be <c>global::.0</c>: CS1019 in DigitalOcean's,
/// OpenAI's and Stripe's specs). The corpus files compile; here the names and the values read and written.
/// </summary>
public sealed class TypeNamingTests
{
    private static GeneratedAssembly Build(string corpusFile, string ns) => GeneratedAssembly.Build(
        File.ReadAllText(Path.Combine(TestDriver.Repo, "tests", "Atlas.Codegen.Tests", "Corpus", corpusFile)),
        new() { ["AtlasNamespace"] = ns });

    private static readonly Lazy<GeneratedAssembly> Choices = new(() => Build("choice-with-inline-enum.yaml", "Choices"));
    private static readonly Lazy<GeneratedAssembly> Enums = new(() => Build("inline-enums-sharing-a-name.yaml", "Enums"));

    private static Type PropertyType(Type owner, string property)
    {
        var t = owner.GetProperty(property)!.PropertyType;
        return Nullable.GetUnderlyingType(t) ?? t;
    }

    [Fact]
    public void Inline_enums_are_named_by_property_shared_by_value_set_and_prefixed_when_names_compete()
    {
        var order = Enums.Value.Type("Order");
        var refund = Enums.Value.Type("Refund");
        // One value set under "state" (the query parameter, Order.state, Refund.state): one type, the property's name.
        Assert.Equal("State", PropertyType(order, "State").Name);
        Assert.Same(PropertyType(order, "State"), PropertyType(refund, "State"));
        // Three value sets want "Status": each is prefixed with the type that declared it (an inline record included).
        Assert.Equal("OrderStatus", PropertyType(order, "Status").Name);
        Assert.Equal("RefundStatus", PropertyType(refund, "Status").Name);
        Assert.Equal("OrderLineStatus", PropertyType(PropertyType(order, "Line"), "Status").Name);
        // A name a schema holds ("Kind") or a member of the enum struct ("Value") is never reused.
        Assert.Equal("OrderKind", PropertyType(order, "Kind").Name);
        Assert.Equal("OrderValue", PropertyType(order, "Value").Name);
        Assert.Equal("TagsItem", PropertyType(order, "Tags").GetGenericArguments()[0].Name);
        var value = JsonSerializer.Deserialize("""{"state":"open","status":"paid","value":"y","tags":["red","blue"],"line":{"status":"pending"}}""", order)!;
        JsonAssert.Equivalent("""{"state":"open","status":"paid","value":"y","tags":["red","blue"],"line":{"status":"pending"}}""", JsonSerializer.Serialize(value, order));
    }

    [Theory]
    [InlineData("""{"size":"SMALL"}""", "Size", "String", "SMALL")]
    [InlineData("""{"size":"HUGE"}""", "Size", "String", "HUGE")] // an open enum keeps a value it does not know
    [InlineData("""{"size":40}""", "Size", "Integer", "40")]
    [InlineData("""{"toolChoice":"auto"}""", "ToolChoice", "String", "auto")]
    [InlineData("""{"taxRates":""}""", "TaxRates", "String", "")]
    public void A_choice_whose_string_member_is_an_inline_enum_reads_it_as_that_enum(string json, string property, string alternative, string text)
    {
        var sized = Choices.Value.Type("Sized");
        var value = JsonSerializer.Deserialize(json, sized)!;
        JsonAssert.Equivalent(json, JsonSerializer.Serialize(value, sized));
        var choice = sized.GetProperty(property)!.GetValue(value)!;
        var member = choice.GetType().GetProperty(alternative)!;
        Assert.Equal(text, Convert.ToString(member.GetValue(choice), System.Globalization.CultureInfo.InvariantCulture));
        if (alternative == "String")
        {
            var enumType = Nullable.GetUnderlyingType(member.PropertyType)!;
            Assert.True(enumType.IsValueType, enumType.FullName);
            Assert.Equal("Choices", enumType.Namespace);
        }
    }

    [Fact]
    public void The_same_inline_enum_under_a_choice_in_an_array_is_the_same_type()
    {
        var sized = Choices.Value.Type("Sized");
        var item = PropertyType(sized, "Sizes").GetGenericArguments()[0];
        Assert.Same(PropertyType(PropertyType(sized, "Size"), "String"), PropertyType(item, "String"));
        const string json = """{"sizes":[1,"LARGE"],"byName":{"a":"on","b":true}}""";
        JsonAssert.Equivalent(json, JsonSerializer.Serialize(JsonSerializer.Deserialize(json, sized), sized));
    }
}
