using Translator.LoadDriver;

// `upstream` runs the scripted upstream (the driver starts it as a process of its own);
// anything else runs the measurements.
if (args is ["upstream", .. var rest])
{
    await FastUpstream.RunAsync(rest);
    return 0;
}

return await Driver.RunAsync(args);
