using System.Text.Json;
using System.Text.Json.Nodes;

namespace Translator.Api.Anthropic;

/// <summary>
/// The input schemas of Anthropic's client tools, as its tool pages document the inputs the model
/// sends (text editor, bash, memory, computer use). Anthropic's model has them built in; an OpenAI
/// model reads them as a function's parameters, so every field says what it is for.
/// </summary>
/// <remarks>
/// The text editor's <c>insert</c> takes <c>insert_text</c> from str_replace_based_edit_tool on:
/// that is what Claude sends, though the page says <c>new_str</c> (anthropics/anthropic-sdk-python#1155);
/// str_replace_editor (20241022, 20250124) takes <c>new_str</c>, as Anthropic's reference editor reads it.
/// </remarks>
internal static class ClientToolSchemas
{
    private static readonly string[] FirstComputerActions =
        ["key", "type", "mouse_move", "left_click", "left_click_drag", "right_click", "middle_click", "double_click", "screenshot", "cursor_position"];

    private static readonly string[] LaterComputerActions =
        ["scroll", "left_mouse_down", "left_mouse_up", "hold_key", "wait", "triple_click"];

    public static JsonElement StrReplaceEditor { get; } = TextEditor(["view", "create", "str_replace", "insert", "undo_edit"], insertField: "new_str");

    public static JsonElement StrReplaceBasedEditTool { get; } = TextEditor(["view", "create", "str_replace", "insert"], insertField: "insert_text");

    public static JsonElement Bash { get; } = Schema(
        new JsonObject
        {
            ["command"] = Property("string", "The shell command to run; the session keeps its state (directory, variables) between calls."),
            ["restart"] = Property("boolean", "Set to true, without a command, to restart the shell session."),
        });

    public static JsonElement Memory { get; } = Schema(
        new JsonObject
        {
            ["command"] = Enum("What to do in the memory directory (/memories).", ["view", "create", "str_replace", "insert", "delete", "rename"]),
            ["path"] = Property("string", "The file or directory under /memories (all commands but rename)."),
            ["view_range"] = Range("view: [first, last] line numbers to show, counted from 1; -1 as last shows to the end.", 2),
            ["file_text"] = Property("string", "create: the new file's content."),
            ["old_str"] = Property("string", "str_replace: the exact text to replace; it must occur once in the file."),
            ["new_str"] = Property("string", "str_replace: the text that replaces old_str."),
            ["insert_line"] = Property("integer", "insert: the line after which the text goes (0 for the top)."),
            ["insert_text"] = Property("string", "insert: the text to insert."),
            ["old_path"] = Property("string", "rename: the current path."),
            ["new_path"] = Property("string", "rename: the new path."),
        },
        "command");

    public static JsonElement Computer20241022 { get; } = Computer([.. FirstComputerActions], later: false, zoom: false);

    public static JsonElement Computer20250124 { get; } = Computer([.. FirstComputerActions, .. LaterComputerActions], later: true, zoom: false);

    public static JsonElement ComputerWithZoom { get; } = Computer([.. FirstComputerActions, .. LaterComputerActions, "zoom"], later: true, zoom: true);

    private static JsonElement TextEditor(string[] commands, string insertField)
    {
        var properties = new JsonObject
        {
            ["command"] = Enum("The command to run.", commands),
            ["path"] = Property("string", "Absolute path of the file or directory, e.g. /repo/file.py."),
            ["file_text"] = Property("string", "create: the new file's content."),
            ["old_str"] = Property("string", "str_replace: the exact text to replace, whitespace included; it must occur once in the file."),
            ["new_str"] = Property("string", insertField == "new_str" ? "str_replace: the text that replaces old_str. insert: the text to insert." : "str_replace: the text that replaces old_str."),
            ["insert_line"] = Property("integer", $"insert: the line after which {insertField} goes (0 for the top of the file)."),
            ["view_range"] = Range("view of a file: [first, last] line numbers to show, counted from 1; -1 as last shows to the end.", 2),
        };
        if (insertField != "new_str")
        {
            properties[insertField] = Property("string", "insert: the text to insert.");
        }

        return Schema(properties, "command", "path");
    }

    private static JsonElement Computer(string[] actions, bool later, bool zoom)
    {
        var properties = new JsonObject
        {
            ["action"] = Enum("The action to perform.", actions),
            ["coordinate"] = Range("[x, y] in pixels from the screen's top-left corner: where to move, click or scroll.", 2),
            ["text"] = Property("string", later
                ? "type: the text to type. key, hold_key: the key or combination in xdotool syntax (e.g. ctrl+s). Clicks and scroll: keys to hold meanwhile."
                : "type: the text to type. key: the key or combination in xdotool syntax (e.g. ctrl+s)."),
        };
        if (later)
        {
            properties["start_coordinate"] = Range("left_click_drag: [x, y] where the drag starts.", 2);
            properties["scroll_direction"] = Enum("scroll: which way.", ["up", "down", "left", "right"]);
            properties["scroll_amount"] = Property("integer", "scroll: how many wheel clicks.");
            properties["duration"] = Property("number", "hold_key, wait: how long, in seconds.");
        }

        if (zoom)
        {
            properties["region"] = Range("zoom: [x1, y1, x2, y2], the screen area to view at full resolution.", 4);
        }

        return Schema(properties, "action");
    }

    private static JsonElement Schema(JsonObject properties, params string[] required) =>
        JsonElement.Parse(new JsonObject
        {
            ["type"] = "object",
            ["properties"] = properties,
            ["required"] = new JsonArray([.. required.Select(r => JsonValue.Create(r))]),
        }.ToJsonString());

    private static JsonObject Property(string type, string description) => new() { ["type"] = type, ["description"] = description };

    private static JsonObject Enum(string description, string[] values) =>
        new() { ["type"] = "string", ["enum"] = new JsonArray([.. values.Select(v => JsonValue.Create(v))]), ["description"] = description };

    private static JsonObject Range(string description, int length) => new()
    {
        ["type"] = "array",
        ["items"] = new JsonObject { ["type"] = "integer" },
        ["minItems"] = length,
        ["maxItems"] = length,
        ["description"] = description,
    };
}
