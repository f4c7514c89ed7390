[<EntryPoint>]
let main argv =
    if Array.contains "--health" argv then 0
    else
        let port = System.Environment.GetEnvironmentVariable("PORT") ?? "9000"
        0
