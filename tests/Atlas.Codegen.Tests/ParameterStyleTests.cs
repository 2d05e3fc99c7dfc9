using System.Text.Json;
using Atlas.Codegen.Tests.PetStoreTwo;

namespace Atlas.Codegen.Tests;

/// <summary>
/// Parameters are written by OpenAPI's style table (OpenAPI 3.1.0, "Style Examples": color = "blue", the array
/// ["blue", "black", "brown"] and the object {"R": 100, "G": 200, "B": 150}), by the runtime the generated methods call
/// for arrays, objects and styles other than simple and form, and end to end by a generated client.
/// </summary>
public class ParameterStyleTests
{
    private static readonly JsonElement Primitive = JsonDocument.Parse("\"blue\"").RootElement;
    private static readonly JsonElement Array = JsonDocument.Parse("""["blue","black","brown"]""").RootElement;
    private static readonly JsonElement Object = JsonDocument.Parse("""{"R":100,"G":200,"B":150}""").RootElement;

    private static JsonElement Value(string which) => which switch { "primitive" => Primitive, "array" => Array, _ => Object };

    [Theory]
    [InlineData("simple", false, "primitive", "blue")]
    [InlineData("simple", false, "array", "blue,black,brown")]
    [InlineData("simple", false, "object", "R,100,G,200,B,150")]
    [InlineData("simple", true, "array", "blue,black,brown")]
    [InlineData("simple", true, "object", "R=100,G=200,B=150")]
    [InlineData("label", false, "primitive", ".blue")]
    [InlineData("label", false, "array", ".blue,black,brown")]
    [InlineData("label", false, "object", ".R,100,G,200,B,150")]
    [InlineData("label", true, "array", ".blue.black.brown")]
    [InlineData("label", true, "object", ".R=100.G=200.B=150")]
    [InlineData("matrix", false, "primitive", ";color=blue")]
    [InlineData("matrix", false, "array", ";color=blue,black,brown")]
    [InlineData("matrix", false, "object", ";color=R,100,G,200,B,150")]
    [InlineData("matrix", true, "array", ";color=blue;color=black;color=brown")]
    [InlineData("matrix", true, "object", ";R=100;G=200;B=150")]
    public void Path_parameters_follow_the_style_table(string style, bool explode, string value, string expected)
        => Assert.Equal(expected, global::Atlas.Codegen.Runtime.AtlasQuery.Path("color", style, explode, Value(value)));

    [Theory]
    [InlineData("form", false, "primitive", "?color=blue")]
    [InlineData("form", false, "array", "?color=blue,black,brown")]
    [InlineData("form", false, "object", "?color=R,100,G,200,B,150")]
    [InlineData("form", true, "array", "?color=blue&color=black&color=brown")]
    [InlineData("form", true, "object", "?R=100&G=200&B=150")]
    [InlineData("spaceDelimited", false, "array", "?color=blue%20black%20brown")]
    [InlineData("pipeDelimited", false, "array", "?color=blue%7Cblack%7Cbrown")]
    [InlineData("deepObject", true, "object", "?color%5BR%5D=100&color%5BG%5D=200&color%5BB%5D=150")]
    public void Query_parameters_follow_the_style_table(string style, bool explode, string value, string expected)
    {
        global::Atlas.Codegen.Runtime.AtlasUrl url = $"";
        var separator = "?";
        global::Atlas.Codegen.Runtime.AtlasQuery.AddStyled(ref url, ref separator, "color", style, explode, Value(value));
        Assert.Equal(expected, url.ToStringAndClear());
    }

    [Fact]
    public void Values_are_escaped_and_a_null_value_is_left_out()
    {
        var tricky = JsonDocument.Parse("""["a b","c,d","é"]""").RootElement;
        Assert.Equal("a%20b,c%2Cd,%C3%A9", global::Atlas.Codegen.Runtime.AtlasQuery.Path("x", "simple", false, tricky));
        global::Atlas.Codegen.Runtime.AtlasUrl url = $"";
        var separator = "?";
        global::Atlas.Codegen.Runtime.AtlasQuery.AddStyled(ref url, ref separator, "x", "form", false, null);
        Assert.Equal("", url.ToStringAndClear());
        Assert.Equal("?", separator);
    }
}
