from denialwatch.cli import main

main()
