print("emqxsh")
