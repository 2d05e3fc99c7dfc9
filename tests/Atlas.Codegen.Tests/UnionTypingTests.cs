using System.Text.Json;

namespace Atlas.Codegen.Tests;

/// <summary>
/// oneOf/anyOf without a discriminator, per rule (docs/diagnostics.md, ATLAS021): strings → one open enum; objects
/// told apart by a property's enum values → a discriminated union; otherwise one record with every member's
/// properties. Every value read is written back JSON-equal.
/// </summary>
public sealed class UnionTypingTests
{
    private static readonly Lazy<GeneratedAssembly> Unions = new(() => GeneratedAssembly.Build(
        File.ReadAllText(Path.Combine(TestDriver.Repo, "tests", "Atlas.Codegen.Tests", "Corpus", "unions-without-discriminator.yaml")),
        new() { ["AtlasNamespace"] = "Unions" }));

    private static Type T(string name) => Unions.Value.Type(name);

    private static object RoundTrip(string type, string json)
    {
        var value = JsonSerializer.Deserialize(json, T(type))!;
        JsonAssert.Equivalent(json, JsonSerializer.Serialize(value, T(type)));
        return value;
    }

    private static object? Prop(object o, string name) => o.GetType().GetProperty(name)!.GetValue(o);

    [Fact]
    public void A_union_of_strings_is_one_open_enum_with_every_members_values_once()
    {
        var size = T("InstanceSize");
        Assert.True(size.IsValueType);
        var known = ((System.Collections.IEnumerable)size.GetProperty("KnownValues")!.GetValue(null)!).Cast<object>().Select(v => v.ToString()).ToList();
        Assert.Equal(["M10", "M30", "M20"], known);
        foreach (var wire in new[] { "M30", "M20", "M999" })
        {
            var v = RoundTrip("InstanceSize", "\"" + wire + "\"");
            Assert.Equal(wire, v.ToString());
        }
        // A union of such unions, and a property typed by one.
        Assert.Equal(["M10", "M30", "M20", "M200"], ((System.Collections.IEnumerable)T("AnySize").GetProperty("KnownValues")!.GetValue(null)!).Cast<object>().Select(v => v.ToString()));
        Assert.True(T("Holder").GetProperty("Size")!.PropertyType.IsValueType);
    }

    [Theory]
    [InlineData("""{"typeName":"EMAIL","emailAddress":"a@b.c","delayMin":5}""", "EmailNotification")]
    [InlineData("""{"delayMin":5,"mobileNumber":"+1","typeName":"SMS"}""", "SmsNotification")] // deciding property last
    [InlineData("""{"typeName":"TEXT","mobileNumber":"+1"}""", "SmsNotification")] // a member with several values
    [InlineData("""{"typeName":"EMAIL","emailAddress":"a@b.c","mobileNumber":"+1"}""", "EmailNotification")] // both members' properties
    public void Objects_told_apart_by_a_property_read_as_their_member(string json, string member)
    {
        var value = RoundTrip("Notification", json);
        Assert.Equal(member, value.GetType().Name);
        Assert.True(T("Notification").IsAssignableFrom(value.GetType()));
    }

    [Fact]
    public void The_union_says_in_its_docs_what_tells_its_members_apart()
        => Assert.Contains("told apart by the value of 'typeName'", UnionDocs("Notification"));

    [Fact]
    public void A_value_of_no_member_is_kept_raw_and_a_string_for_an_object_is_a_JsonException()
    {
        const string json = """{"typeName":"SLACK","channel":"#ops","delayMin":1}""";
        var value = RoundTrip("Notification", json);
        Assert.StartsWith("Unknown", value.GetType().Name);
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize("\"EMAIL\"", T("Notification")));
        // The deciding property was inferred, not declared: an object without it is kept as the unknown variant.
        Assert.StartsWith("Unknown", RoundTrip("Notification", """{"delayMin":3,"note":"no typeName"}""").GetType().Name);
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize("\"M10\"", T("HardwareSpec")));
    }

    [Theory]
    [InlineData("""{"eventTypeName":"HOST_DOWN","hostname":"h1"}""", "HostEvent")]
    [InlineData("""{"eventTypeName":"HOST_UP"}""", "HostEvent")]
    [InlineData("""{"created":"2024-01-02T03:04:05Z","eventTypeName":"USER_JOINED"}""", "DefaultEvent")]
    public void A_catch_all_member_keeps_only_the_values_no_other_member_lists(string json, string member)
        => Assert.Equal(member, RoundTrip("Event", json).GetType().Name);

    [Fact]
    public void Members_nothing_tells_apart_are_one_record_with_every_members_properties()
    {
        var spec = T("HardwareSpec");
        Assert.False(spec.IsAbstract);
        Assert.NotNull(spec.GetProperty("InstanceSize"));
        Assert.NotNull(spec.GetProperty("DiskIOPS"));
        Assert.NotNull(spec.GetProperty("DiskSizeGB"));
        var azure = RoundTrip("HardwareSpec", """{"instanceSize":"M20","diskSizeGB":10.5,"extra":{"kept":[1,2]}}""");
        Assert.Equal("M20", Prop(azure, "InstanceSize")!.ToString());
        Assert.Null(Prop(azure, "DiskIOPS"));
        var aws = RoundTrip("HardwareSpec", """{"diskIOPS":3000,"instanceSize":"M30"}""");
        Assert.Equal(3000, Prop(aws, "DiskIOPS"));
        // A union with a member that is itself a union: Pet alone requires 'kind', so its presence picks Pet.
        var thing = RoundTrip("Thing", """{"kind":"dog","name":"Rex","typeName":"EMAIL"}""");
        Assert.NotNull(Prop(thing, "Pet"));
        Assert.Equal("EmailNotification", Prop(RoundTrip("Thing", """{"typeName":"EMAIL"}"""), "Notification")!.GetType().Name);
    }

    [Fact]
    public void Inline_unions_in_properties_arrays_and_maps_get_the_same_types()
    {
        const string json = """
            {"target":{"typeName":"SMS","mobileNumber":"+1"},
             "targets":[{"typeName":"EMAIL","emailAddress":"a@b.c"},{"typeName":"TEXT"},{"typeName":"PIGEON","leg":"left"}],
             "byName":{"a":{"instanceSize":"M10","diskIOPS":1},"b":{"diskSizeGB":2.5}},
             "size":"M20","spec":null}
            """;
        var holder = RoundTrip("Holder", json);
        // EmailNotification and SmsNotification already derive from Notification: these unions get their twins
        // ({Union}{Member}), as for any schema that is a variant of several unions.
        Assert.EndsWith("SmsNotification", Prop(holder, "Target")!.GetType().Name);
        var targets = ((System.Collections.IEnumerable)Prop(holder, "Targets")!).Cast<object>().Select(t => t.GetType().Name).ToList();
        Assert.EndsWith("EmailNotification", targets[0]);
        Assert.EndsWith("SmsNotification", targets[1]);
        Assert.StartsWith("Unknown", targets[2]);
        Assert.Equal("HardwareSpec", T("Holder").GetProperty("Spec")!.PropertyType.Name);
    }

    [Fact]
    public void Recursion_through_a_union_round_trips()
    {
        const string json = """{"kind":"branch","children":[{"kind":"leaf","value":"a"},{"kind":"branch","children":[{"kind":"leaf","value":"b"}]}]}""";
        var tree = RoundTrip("TreeNode", json);
        Assert.Equal("Branch", tree.GetType().Name);
    }

    [Theory]
    [InlineData("""{"username":"ann","delayMin":5}""", "UserTarget")]
    [InlineData("""{"delayMin":5,"username":"ann"}""", "UserTarget")] // deciding property last
    [InlineData("""{"teamId":"t1"}""", "TeamTarget")] // no deciding property: the member without one
    [InlineData("""{"teamId":"t1","username":"both"}""", "UserTarget")] // both members' properties: the deciding one wins
    public void Objects_told_apart_by_a_property_only_one_requires_set_that_member(string json, string member)
    {
        var value = RoundTrip("Target", json);
        var set = T("Target").GetProperties().Where(p => p.Name != "Other" && p.GetValue(value) is not null).Select(p => p.Name).ToList();
        Assert.Equal([member], set);
    }

    [Theory]
    [InlineData("\"usr_123\"", "String")]
    [InlineData("""{"username":"ann"}""", "UserTarget")]
    [InlineData("42", "Integer")]
    [InlineData("""["a","b"]""", "Array")]
    [InlineData("true", "Boolean")]
    [InlineData("1.5", "Other")] // a number that is not an integer: no member, kept raw
    public void Values_told_apart_by_their_JSON_kind_set_that_member_and_anything_else_is_kept(string json, string member)
    {
        var value = RoundTrip("Expandable", json);
        var set = T("Expandable").GetProperties().Where(p => p.GetValue(value) is not null).Select(p => p.Name).ToList();
        Assert.Equal([member], set);
    }

    [Theory]
    [InlineData("7", "Integer")]
    [InlineData("7.5", "Number")]
    [InlineData("3000000000", "Number")] // too large for the int32 member
    [InlineData("\"seven\"", "String")]
    [InlineData("null", null)]
    public void An_integer_member_and_a_number_member_are_told_apart(string json, string? member)
    {
        if (member is null)
        {
            Assert.Null(JsonSerializer.Deserialize(json, T("Amount")));
            return;
        }
        var value = RoundTrip("Amount", json);
        var set = T("Amount").GetProperties().Where(p => p.GetValue(value) is not null).Select(p => p.Name).ToList();
        Assert.Equal([member], set);
    }

    [Fact]
    public void A_choice_is_built_from_any_member_value_and_validates_it()
    {
        var expandable = T("Expandable");
        var fromString = expandable.GetMethods().Single(m => m.Name == "op_Implicit" && m.GetParameters()[0].ParameterType == typeof(string)).Invoke(null, ["usr_1"])!;
        Assert.Equal("\"usr_1\"", JsonSerializer.Serialize(fromString, expandable));
        // A member record missing a required property reports it through the choice.
        var user = JsonSerializer.Deserialize("""{"username":null}""", expandable)!;
        Assert.Contains("username is required", (IReadOnlyList<string>)expandable.GetMethod("GetValidationErrors")!.Invoke(user, null)!);
        // Inline: a date-time or an object; a string that is not a date is kept raw.
        var holder = RoundTrip("Holder", """{"owner":"2024-01-02T03:04:05Z"}""");
        Assert.NotNull(Prop(Prop(holder, "Owner")!, "String"));
        holder = RoundTrip("Holder", """{"owner":"not a date"}""");
        Assert.NotNull(Prop(Prop(holder, "Owner")!, "Other"));
        holder = RoundTrip("Holder", """{"owner":{"teamId":"t"}}""");
        Assert.NotNull(Prop(Prop(holder, "Owner")!, "TeamTarget"));
        Assert.Null(Prop(RoundTrip("Holder", """{"owner":null}"""), "Owner"));
    }

    private static string UnionDocs(string type)
    {
        var (result, _, _) = TestDriver.Run("openapi/spec.yaml", File.ReadAllText(Path.Combine(TestDriver.Repo, "tests", "Atlas.Codegen.Tests", "Corpus", "unions-without-discriminator.yaml")));
        return result.Results[0].GeneratedSources.First(s => s.HintName.EndsWith("." + type + ".g.cs", StringComparison.Ordinal)).SourceText.ToString();
    }
}
