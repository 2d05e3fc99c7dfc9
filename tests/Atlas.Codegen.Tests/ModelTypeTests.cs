using System.Collections;
using System.Reflection;
using Atlas.Codegen.Infrastructure;
using Atlas.Codegen.Model;
using Atlas.Codegen.Parsing;

namespace Atlas.Codegen.Tests;

/// <summary>
/// The model is data about the API, never C#: its records hold only strings, numbers, booleans, enums, other model
/// records, type identities and equatable arrays (so the pipeline caches by value), and no string in it is a C#
/// expression (the emitters write C#; the model decides names).
/// </summary>
public sealed class ModelTypeTests
{
    private static readonly Type[] Leaves = [typeof(string), typeof(bool), typeof(int), typeof(long), typeof(double), typeof(TypeIdentity)];

    private static IEnumerable<Type> ModelTypes()
        => typeof(ApiModel).Assembly.GetTypes().Where(t => t.Namespace == "Atlas.Codegen.Model" && (t.Name.EndsWith("Spec", StringComparison.Ordinal) || t == typeof(ApiModel)));

    private static bool Allowed(Type t)
    {
        t = Nullable.GetUnderlyingType(t) ?? t;
        if (Leaves.Contains(t) || t.IsEnum) return true;
        if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(EquatableArray<>)) return Allowed(t.GetGenericArguments()[0]);
        return t.Namespace is "Atlas.Codegen.Model" or "Atlas.Codegen.Diagnostics" && (t.Name.EndsWith("Spec", StringComparison.Ordinal) || t.Name.EndsWith("Info", StringComparison.Ordinal));
    }

    [Fact]
    public void Model_records_hold_only_values_that_compare_by_value()
    {
        var types = ModelTypes().ToList();
        Assert.Contains(typeof(TypeRefSpec), types);
        var bad = types.SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.Name != "EqualityContract" && p.GetIndexParameters().Length == 0 && !Allowed(p.PropertyType))
                .Select(p => t.Name + "." + p.Name + ": " + p.PropertyType))
            .ToList();
        Assert.True(bad.Count == 0, string.Join("\n", bad));
    }

    // Free text from the spec (descriptions, examples, patterns, titles, URLs) may hold anything; every other string is a name.
    private static readonly string[] FreeText = ["Description", "Summary", "Remarks", "Pattern", "Title", "Default", "Example", "Server", "Url", "Path", "Namespace", "Arguments", "Sunset", "Version"];

    private static IEnumerable<(string Where, string Value)> Strings(object? value, string where, int depth)
    {
        if (value is null || depth > 30) yield break;
        if (value is string s)
        {
            yield return (where, s);
            yield break;
        }
        var type = value.GetType();
        if (value is IEnumerable list)
        {
            var i = 0;
            foreach (var item in list) foreach (var x in Strings(item, where + "[" + i++ + "]", depth + 1)) yield return x;
            yield break;
        }
        if (type.IsPrimitive || type.IsEnum || type == typeof(TypeIdentity)) yield break;
        foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (p.Name == "EqualityContract" || p.GetIndexParameters().Length > 0 || FreeText.Any(f => p.Name.Contains(f, StringComparison.Ordinal))) continue;
            foreach (var x in Strings(p.GetValue(value), where + "." + p.Name, depth + 1)) yield return x;
        }
    }

    [Theory]
    [InlineData("atlas/create-private-endpoint.yaml")]
    [InlineData("atlas/atlas-admin-v2.yaml")]
    public void No_string_in_the_model_is_CSharp(string spec)
    {
        var doc = YamlTreeReader.Parse(spec, TestDriver.Openapi(spec), default);
        var model = ApiModelBuilder.Build(doc, global::Atlas.Codegen.Model.FileOptions.Parse(spec, name => name == OptionNames.Namespace ? "Test.Api" : null, null), default);
        Assert.NotEmpty(model.Types);
        var csharp = Strings(model, "model", 0)
            .Where(x => x.Value.Contains("global::", StringComparison.Ordinal) || x.Value.Contains("?.", StringComparison.Ordinal)
                || x.Value.Contains("=>", StringComparison.Ordinal) || x.Value.Contains("()", StringComparison.Ordinal) || x.Value.Contains(';'))
            .Select(x => x.Where + " = " + x.Value)
            .Take(20)
            .ToList();
        Assert.True(csharp.Count == 0, string.Join("\n", csharp));
    }
}
